import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { t } from '../i18n';

export type ToastTone = 'info' | 'success' | 'error';

interface ToastItem {
  id: number;
  tone: ToastTone;
  message: string;
}

export interface Toaster {
  show: (message: string, tone?: ToastTone) => void;
  success: (message: string) => void;
  error: (message: string) => void;
}

const ToastContext = createContext<Toaster | undefined>(undefined);

const TIMEOUT_MS = { info: 6000, success: 6000, error: 12000 } as const;

/** Provides useToast(); renders the live region the messages are announced from. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setItems((current) => current.filter((item) => item.id !== id));
  }, []);

  const show = useCallback(
    (message: string, tone: ToastTone = 'info') => {
      const id = nextId.current++;
      setItems((current) => [...current.slice(-3), { id, tone, message }]);
      window.setTimeout(() => dismiss(id), TIMEOUT_MS[tone]);
    },
    [dismiss],
  );

  const toaster = useMemo<Toaster>(
    () => ({
      show,
      success: (message) => show(message, 'success'),
      error: (message) => show(message, 'error'),
    }),
    [show],
  );

  return (
    <ToastContext.Provider value={toaster}>
      {children}
      <section className="ui-toasts" aria-label={t('ui.toast.region')}>
        <div role="status" aria-live="polite" className="ui-stack">
          {items.map((item) => (
            <div key={item.id} className={`ui-toast ui-toast--${item.tone}`}>
              <p className="ui-toast__message">{item.message}</p>
              <button
                type="button"
                className="ui-toast__close"
                aria-label={t('ui.toast.dismiss')}
                onClick={() => dismiss(item.id)}
              >
                ×
              </button>
            </div>
          ))}
        </div>
      </section>
    </ToastContext.Provider>
  );
}

/** Brief news after an action (「登録しました。」); failures belong next to what failed. */
export function useToast(): Toaster {
  const toaster = useContext(ToastContext);
  if (!toaster) throw new Error('useToast outside ToastProvider');
  return toaster;
}
