// The design system. Import from '../ui' (or '../../ui'); styles come with ui.css (loaded once
// by main.tsx), so components carry class names only.
export { Alert, ProblemAlert, problemMessage } from './Alert';
export { Amount } from './Amount';
export { ScrollTable } from './ScrollTable';
export { Button, FileLink, LinkButton, type ButtonVariant } from './Button';
export { ConfirmButton, ConfirmDialog, type ConfirmDialogProps } from './ConfirmDialog';
export { DateText, DateTimeText } from './DateText';
export { Dialog, type DialogProps } from './Dialog';
export { EmptyState } from './EmptyState';
export { CheckboxField } from './CheckboxField';
export { ComboField } from './ComboField';
export { SelectField, type Option } from './SelectField';
export { TextField, type TextFieldProps } from './TextField';
export { Details, Section } from './Layout';
export { Meter, type MeterSegment } from './Meter';
export { PageHeader, useDocumentTitle } from './PageHeader';
export { Loading, Progress } from './Progress';
export { StatusBadge, statusLabel, type StatusKind, type Tone } from './StatusBadge';
export {
  DataTable,
  FilterBar,
  type Column,
  type DataTableProps,
  type ListState,
  type RowSelection,
} from './Table';
export { Timeline, type TimelineEntry } from './Timeline';
export { ToastProvider, useToast, type Toaster } from './Toast';
