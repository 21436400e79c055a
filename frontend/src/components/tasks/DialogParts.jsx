import { FieldError } from '../States.jsx'

// A labelled textarea with its client or API error.
export function TextField({ id, label, value, onChange, error, required = false, hint, rows = 4 }) {
  const errorId = `${id}-error`
  const hintId = hint ? `${id}-hint` : undefined
  const described = [hintId, error ? errorId : null].filter(Boolean).join(' ') || undefined
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      <textarea
        id={id}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
      />
      <FieldError id={errorId} error={error} />
    </div>
  )
}

export function DialogAlert({ message }) {
  if (!message) return null
  return (
    <p className="state state-error" role="alert">
      {message}
    </p>
  )
}

export function DialogButtons({ busy, onClose }) {
  return (
    <div className="dialog-actions">
      <button type="submit" disabled={busy}>
        {busy ? 'Working…' : 'Confirm'}
      </button>
      <button type="button" onClick={onClose}>
        Cancel
      </button>
    </div>
  )
}

// How a person is offered in a list: "Name <email>", or the email alone.
export const personLabel = (person) => (person.name ? `${person.name} <${person.email}>` : person.email)

// A labelled select of `items` (value: String(item.id), text: describe(item)) with its error.
export function SelectField({ id, label, value, onChange, error, placeholder, items, describe }) {
  const errorId = `${id}-error`
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      >
        <option value="">{placeholder}</option>
        {items.map((item) => (
          <option key={item.id} value={String(item.id)}>
            {describe(item)}
          </option>
        ))}
      </select>
      <FieldError id={errorId} error={error} />
    </div>
  )
}
