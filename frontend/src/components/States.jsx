// Loading, empty and error states every page uses.
export function Loading({ label = 'Loading…' }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      {label}
    </p>
  )
}

export function Empty({ children }) {
  return <p className="state state-empty">{children}</p>
}

export function ErrorMessage({ error, onRetry }) {
  if (!error) return null
  const text = typeof error === 'string' ? error : error.detail || error.message || 'Something went wrong.'
  return (
    <div className="state state-error" role="alert">
      <span>{text}</span>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  )
}

// A form field's error from the API ({"field": ["..."]} → ApiError.fields[field]).
export function FieldError({ id, error }) {
  if (!error) return null
  return (
    <span id={id} className="field-error" role="alert">
      {error}
    </span>
  )
}

// A paginated list's error: a page that no longer exists (404 past page 1, e.g. after
// filtering) offers the first page; anything else is an ErrorMessage with a retry.
export function ListError({ error, page, onFirstPage, onRetry }) {
  if (!error) return null
  if (error.status === 404 && page > 1) {
    return (
      <div className="state state-error" role="alert">
        <span>There is no page {page} any more.</span>
        <button type="button" onClick={onFirstPage}>
          First page
        </button>
      </div>
    )
  }
  return <ErrorMessage error={error} onRetry={onRetry} />
}
