// The outcome of a change, next to where it was made: {kind: 'ok' | 'error', text}.
// Success is announced politely (status), a failure at once (alert).
export default function Notice({ notice, onDismiss }) {
  if (!notice?.text) return null
  const error = notice.kind === 'error'
  return (
    <div className={`au-notice ${error ? 'au-notice-error' : 'au-notice-ok'}`} role={error ? 'alert' : 'status'}>
      <span>{notice.text}</span>
      {onDismiss && (
        <button type="button" className="au-dismiss" onClick={onDismiss} aria-label="Dismiss message">
          ×
        </button>
      )}
    </div>
  )
}
