import { ProgressBar } from 'react-aria-components';
import { t } from '../i18n';

export interface ProgressProps {
  /** What is in progress (read out and shown). */
  label?: string;
  /** 0–100; absent while the amount of work is unknown. */
  value?: number;
  /** Show the label visibly (it is always given to assistive technology). */
  showLabel?: boolean;
}

/** A progress bar (react-aria ProgressBar: role=progressbar, aria-valuenow when known). */
export function Progress({ label = t('ui.progress'), value, showLabel = true }: ProgressProps) {
  const indeterminate = value === undefined;
  return (
    <ProgressBar
      aria-label={label}
      {...(indeterminate ? { isIndeterminate: true } : { value })}
      className={`ui-progress${indeterminate ? ' ui-progress--indeterminate' : ''}`}
    >
      {({ percentage }) => (
        <>
          {showLabel ? <span className="ui-progress__label">{label}</span> : null}
          <div className="ui-progress__track">
            <div
              className="ui-progress__fill"
              style={indeterminate ? undefined : { width: `${percentage ?? 0}%` }}
            />
          </div>
        </>
      )}
    </ProgressBar>
  );
}

/** A block shown while a screen's data loads. */
export function Loading({ label = t('app.loading') }: { label?: string }) {
  return (
    <div className="ui-loading">
      <Progress label={label} />
    </div>
  );
}
