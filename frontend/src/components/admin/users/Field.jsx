// A labelled text field with its API error underneath (aria-invalid, aria-describedby).
import { FieldError } from '../../States.jsx'
import { describedBy } from '../../profile/errors.js'

export default function Field({ id, label, value, onChange, error, hint, required, className = 'au-field', ...input }) {
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        required={required}
        aria-invalid={!!error}
        aria-describedby={describedBy(hintId, errorId)}
        {...input}
      />
      {hint && (
        <span id={hintId} className="au-hint">
          {hint}
        </span>
      )}
      <FieldError id={errorId} error={error} />
    </div>
  )
}
