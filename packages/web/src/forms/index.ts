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
export {
  liveNumberCheck,
  normalizeNumberInput,
  REGISTRATION_NUMBER_SHAPE,
  type LiveCheck,
} from './live-checks';
