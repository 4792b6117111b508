import { Link, type LinkComponentProps } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { Button as AriaButton, type ButtonProps as AriaButtonProps } from 'react-aria-components';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet';

function buttonClass(variant: ButtonVariant, size: 'medium' | 'small', extra?: string): string {
  return ['ui-button', `ui-button--${variant}`, size === 'small' ? 'ui-button--small' : '', extra]
    .filter(Boolean)
    .join(' ');
}

export interface ButtonProps extends Omit<AriaButtonProps, 'className' | 'children'> {
  variant?: ButtonVariant;
  size?: 'medium' | 'small';
  className?: string;
  children: ReactNode;
}

/** A button (react-aria: press events, keyboard, focus ring). `onPress`, not `onClick`. */
export function Button({
  variant = 'secondary',
  size = 'medium',
  className,
  children,
  ...props
}: ButtonProps) {
  return (
    <AriaButton {...props} className={buttonClass(variant, size, className)}>
      {children}
    </AriaButton>
  );
}

export type LinkButtonProps = LinkComponentProps<'a'> & {
  variant?: ButtonVariant;
  size?: 'medium' | 'small';
};

/** A router link that looks like a button (navigation, e.g. 「契約を起案」). */
export function LinkButton({ variant = 'secondary', size = 'medium', ...props }: LinkButtonProps) {
  return <Link {...props} className={buttonClass(variant, size)} />;
}

/** A plain link to a file the API serves (a PDF, a CSV): opens or downloads it. */
export function FileLink({
  href,
  children,
  download,
  variant = 'secondary',
  size = 'medium',
  newTab = false,
}: {
  href: string;
  children: ReactNode;
  download?: boolean;
  variant?: ButtonVariant;
  size?: 'medium' | 'small';
  newTab?: boolean;
}) {
  return (
    <a
      href={href}
      className={buttonClass(variant, size)}
      {...(download ? { download: '' } : {})}
      {...(newTab ? { target: '_blank', rel: 'noopener' } : {})}
    >
      {children}
    </a>
  );
}
