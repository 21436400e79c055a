import { FieldError } from '../../States.jsx'
import { newKey } from './intervals.js'

const fieldId = (key, part) => `calendar-holiday-${key}-${part}`

// Days off: a date, an optional name, and whether it recurs on the same day every year.
export default function HolidayEditor({ holidays, onChange, errors = {}, listError = '', onBlurRow }) {
  const set = (key, patch) => onChange(holidays.map((h) => (h.key === key ? { ...h, ...patch } : h)))
  const add = () => {
    const key = newKey('hol')
    onChange([...holidays, { key, date: '', name: '', recurring_yearly: false }])
    setTimeout(() => document.getElementById(fieldId(key, 'date'))?.focus(), 0)
  }
  const remove = (key) => {
    onChange(holidays.filter((h) => h.key !== key))
    document.getElementById('calendar-add-holiday')?.focus()
  }

  return (
    <fieldset className="calendar-section" aria-describedby={listError ? 'calendar-holidays-error' : undefined}>
      <legend>Holidays</legend>
      <p className="hint">No working time on these days. “Every year” repeats the day and month.</p>
      <FieldError id="calendar-holidays-error" error={listError} />
      {holidays.length === 0 && <p className="muted">No holidays.</p>}
      {holidays.map((holiday, index) => {
        const where = `holiday ${index + 1}`
        const error = errors[holiday.key]
        const errorId = `calendar-holiday-${holiday.key}-error`
        return (
          <div key={holiday.key} className="holiday-row" onBlur={() => onBlurRow?.(holiday.key)}>
            <div className="holiday-date">
              <label htmlFor={fieldId(holiday.key, 'date')}>
                Date{' '}<span className="visually-hidden">({where})</span>
              </label>
              <input
                id={fieldId(holiday.key, 'date')}
                type="date"
                value={holiday.date}
                onChange={(event) => set(holiday.key, { date: event.target.value })}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
              />
            </div>
            <div className="holiday-name">
              <label htmlFor={fieldId(holiday.key, 'name')}>
                Name{' '}<span className="visually-hidden">({where})</span>
              </label>
              <input
                id={fieldId(holiday.key, 'name')}
                value={holiday.name}
                maxLength={100}
                onChange={(event) => set(holiday.key, { name: event.target.value })}
              />
            </div>
            <div className="holiday-yearly">
              <input
                id={fieldId(holiday.key, 'yearly')}
                type="checkbox"
                checked={holiday.recurring_yearly}
                onChange={(event) => set(holiday.key, { recurring_yearly: event.target.checked })}
              />
              <label htmlFor={fieldId(holiday.key, 'yearly')}>
                Every year{' '}<span className="visually-hidden">({where})</span>
              </label>
            </div>
            <button type="button" className="remove-row" onClick={() => remove(holiday.key)}>
              Remove{' '}<span className="visually-hidden">{where}</span>
            </button>
            <FieldError id={errorId} error={error} />
          </div>
        )
      })}
      <button type="button" id="calendar-add-holiday" className="add-row" onClick={add}>
        Add holiday
      </button>
    </fieldset>
  )
}
