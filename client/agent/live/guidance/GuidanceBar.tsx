import { useI18n } from '../../app/messages.ts';
import type { GuideMode } from './control-change.ts';
import type { Guidance } from './use-guidance.ts';
import './guidance.css';

/**
 * The owner's tools above the live view: how the mouse guides (view only,
 * pointer & highlight, remote control once granted), a line that says what
 * the current mode does, the remote-control request and its state, and
 * notices. The modes are native radio buttons: arrow keys move between them.
 */
export function GuidanceBar({ guidance }: { guidance: Guidance }) {
  const { t } = useI18n();
  const { mode, control, reachable } = guidance;
  const modes: GuideMode[] = control === 'granted' ? ['view', 'guide', 'control'] : ['view', 'guide'];
  return (
    <div
      className={`guide-bar${mode === 'control' ? ' guide-bar-control' : ''}${reachable ? '' : ' guide-bar-off-tab'}`}
      data-testid="guide-bar"
      data-mode={mode}
      data-control={control}
      data-reachable={reachable}
    >
      {/* On a tab the customer is not on, only "view only" means anything: the modes wait, the hint says why. */}
      <fieldset className="guide-modes" disabled={!reachable}>
        <legend className="visually-hidden">{t.guide.toolsLabel}</legend>
        {modes.map((option) => (
          <label key={option} className={`guide-mode guide-mode-${option}`} data-testid={`guide-mode-${option}`}>
            <input
              type="radio"
              name={`guide-mode-${guidance.sessionId}`}
              value={option}
              checked={mode === option}
              onChange={() => guidance.setMode(option)}
            />
            <span>{t.guide.modes[option]}</span>
          </label>
        ))}
      </fieldset>
      <p className={`guide-hint${reachable ? '' : ' guide-hint-off-tab'}`} id="guide-hint" data-testid="guide-hint">
        {reachable ? t.guide.hints[mode] : t.tabs.guidanceOff}
      </p>
      <ControlState guidance={guidance} />
      <Notice guidance={guidance} />
    </div>
  );
}

function ControlState({ guidance }: { guidance: Guidance }) {
  const { t } = useI18n();
  const { control, controlBusy } = guidance;
  if (control === 'off') {
    return (
      <div className="guide-control" data-testid="control-state" data-state="off">
        <button type="button" className="btn" data-testid="control-request" disabled={controlBusy} onClick={guidance.requestControl}>
          {controlBusy ? t.control.requesting : t.control.request}
        </button>
      </div>
    );
  }
  if (control === 'requested') {
    return (
      <div className="guide-control" data-testid="control-state" data-state="requested">
        <span className="pill pill-warn guide-waiting" role="status">
          {t.control.waiting}
        </span>
        <button type="button" className="btn btn-quiet" data-testid="control-cancel" disabled={controlBusy} onClick={guidance.releaseControl}>
          {t.control.cancel}
        </button>
      </div>
    );
  }
  return (
    <div className="guide-control guide-control-granted" data-testid="control-state" data-state="granted">
      <span className="guide-granted" role="status" title={t.control.grantedDetail}>
        <span className="guide-granted-dot" aria-hidden="true" />
        {t.control.granted}
        <span className="visually-hidden">: {t.control.grantedDetail}</span>
      </span>
      <button type="button" className="btn btn-danger" data-testid="control-release" disabled={controlBusy} onClick={guidance.releaseControl}>
        {controlBusy ? t.control.releasing : t.control.release}
      </button>
    </div>
  );
}

function Notice({ guidance }: { guidance: Guidance }) {
  const { t } = useI18n();
  const { notice } = guidance;
  const alert = notice !== null && ['refused', 'protected', 'in_frame', 'error', 'revoked', 'tab_changed'].includes(notice.kind);
  let text = '';
  if (notice) {
    if (notice.kind === 'error') text = `${t.guide.failed} ${t.errors[notice.code]}`;
    else if (notice.kind === 'highlighted') text = t.guide.highlighted;
    else if (notice.kind === 'tab_changed') text = t.tabs.controlMoved;
    else text = t.control.notices[notice.kind];
  }
  const card = notice ? (
    <p className={`guide-notice${alert ? ' guide-notice-alert' : ''}`} data-testid="guide-notice" data-kind={notice.kind}>
      <span>{text}</span>
      <button type="button" className="guide-notice-close" aria-label={t.common.close} onClick={() => guidance.report(null)}>
        <span aria-hidden="true">×</span>
      </button>
    </p>
  ) : null;
  // Both live regions always exist: one that appears with its text is not announced.
  return (
    <>
      <div className="guide-notice-slot" role="status">
        {alert ? null : card}
      </div>
      <div className="guide-notice-slot" role="alert">
        {alert ? card : null}
      </div>
    </>
  );
}
