export {
  focusFirstInvalid,
  issuesToErrors,
  useForm,
  validate,
  type FieldBinding,
  type FieldErrors,
  type Form,
  type FormOptions,
} from './useForm';
export { zodIssueMessage } from './zod-ja';
