// The 決裁欄: one box per rank the route requires, in order (課長 → 部長 → …), each showing who
// signed — display name, title (職名) and date — or left empty while that rank is still needed,
// the box waiting now marked. Shared by the contract page, the approver's page and amendments.
import { formatReiwaDateTime } from '../format';
import { t } from '../i18n';
import { routeBoxes, signerName, type RouteBox, type RouteFacts } from './approval-route';
import './approval-route.css';

export function rankLabel(rank: RouteBox['rank']): string {
  return rank ? t(`shared.rank.${rank}`) : '';
}

export function ApprovalRoute({
  contract,
  label,
}: {
  contract: RouteFacts;
  /** The list's accessible name (e.g. 決裁欄, 変更契約の決裁欄). */
  label?: string;
}) {
  const boxes = routeBoxes(contract);
  return (
    <ol className="route-boxes" aria-label={label ?? t('shared.route.title')}>
      {boxes.map((box) => {
        const who = box.approval ? signerName(box.approval) : undefined;
        const heading = box.rank ? rankLabel(box.rank) : t('shared.route.step', { step: box.step });
        const state = box.approval ? 'signed' : box.current ? 'current' : 'pending';
        return (
          <li key={box.step} className={`route-box route-box--${state}`}>
            <span className="route-box__rank">{heading}</span>
            <span className="route-box__body">
              {box.approval && who ? (
                <>
                  <strong className="route-box__name">{who.name}</strong>
                  {who.title ? <span className="route-box__title">{who.title}</span> : null}
                  <time
                    className="route-box__date"
                    dateTime={box.approval.at}
                    title={box.approval.at}
                  >
                    {formatReiwaDateTime(box.approval.at)}
                  </time>
                  {box.approval.comment ? (
                    <span className="route-box__comment">
                      {t('shared.route.comment', { comment: box.approval.comment })}
                    </span>
                  ) : null}
                </>
              ) : (
                <span className="route-box__empty">
                  {box.current ? t('shared.route.current') : t('shared.route.pending')}
                </span>
              )}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
