import type { ReactNode } from 'react';
import { Dialog as AriaDialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { t } from '../i18n';
import { Button } from './Button';

export interface DialogProps {
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  title: string;
  children: ReactNode;
  /** The buttons at the bottom; a 閉じる button when absent. */
  actions?: ReactNode;
  wide?: boolean;
  /** Escape and a click outside close it (off while work is in progress). */
  isDismissable?: boolean;
  role?: 'dialog' | 'alertdialog';
}

/** A modal dialog (react-aria: focus kept inside, Escape closes, focus returns to the trigger). */
export function Dialog({
  isOpen,
  onOpenChange,
  title,
  children,
  actions,
  wide,
  isDismissable = true,
  role = 'dialog',
}: DialogProps) {
  return (
    <ModalOverlay
      isOpen={isOpen}
      onOpenChange={onOpenChange}
      isDismissable={isDismissable}
      isKeyboardDismissDisabled={!isDismissable}
      className="ui-modal-overlay"
    >
      <Modal className={`ui-modal${wide ? ' ui-modal--wide' : ''}`}>
        <AriaDialog className="ui-dialog" role={role}>
          <Heading slot="title" className="ui-dialog__title">
            {title}
          </Heading>
          {children}
          <div className="ui-dialog__actions">
            {actions ?? <Button onPress={() => onOpenChange(false)}>{t('ui.dialog.close')}</Button>}
          </div>
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}
