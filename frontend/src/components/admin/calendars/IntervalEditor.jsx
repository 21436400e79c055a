import { useRef } from 'react'

import { FieldError } from '../../States.jsx'
import { WEEKDAYS, newKey } from './intervals.js'

const inputId = (key, part) => `calendar-interval-${key}-${part}`

// Working intervals per weekday, several a day (a lunch break is two intervals). `errors`
// holds the messages to show, by row key; `onBlurRow(key)` says the user left a row.
export default function IntervalEditor({ days, onChange, errors = {}, listError = '', onBlurRow }) {
  const addButtons = useRef([])

  const setRow = (weekday, key, patch) =>
    onChange(days.map((rows, day) => (day === weekday ? rows.map((row) => (row.key === key ? { ...row, ...patch } : row)) : rows)))

  const add = (weekday) => {
    const key = newKey('iv')
    // an empty day gets office hours; a further interval is left for the user to fill in
    const row = days[weekday].length ? { key, start: '', end: '' } : { key, start: '09:00', end: '17:00' }
    onChange(days.map((rows, day) => (day === weekday ? [...rows, row] : rows)))
    // focus the new row's start once it is rendered
    setTimeout(() => document.getElementById(inputId(key, 'start'))?.focus(), 0)
  }

  const remove = (weekday, key) => {
    onChange(days.map((rows, day) => (day === weekday ? rows.filter((row) => row.key !== key) : rows)))
    addButtons.current[weekday]?.focus()
  }

  return (
    <fieldset className="calendar-section" aria-describedby={listError ? 'calendar-intervals-error' : undefined}>
      <legend>Working hours</legend>
      <p className="hint" id="calendar-intervals-hint">
        In the calendar’s time zone, as HH:MM; 24:00 is midnight at the end of the day. Several intervals a day
        leave breaks between them.
      </p>
      <FieldError id="calendar-intervals-error" error={listError} />
      <div className="weekday-list">
        {WEEKDAYS.map((dayName, weekday) => (
          <fieldset key={dayName} className="weekday">
            <legend>{dayName}</legend>
            {days[weekday].length === 0 && <p className="muted weekday-off">Not a working day.</p>}
            {days[weekday].map((row, index) => {
              const where = `${dayName}, interval ${index + 1}`
              const error = errors[row.key]
              const errorId = `calendar-interval-${row.key}-error`
              const common = {
                type: 'text',
                autoComplete: 'off',
                placeholder: 'HH:MM',
                maxLength: 5,
                'aria-invalid': error ? true : undefined,
                'aria-describedby': error ? errorId : 'calendar-intervals-hint',
                onBlur: () => onBlurRow?.(row.key),
              }
              return (
                <div key={row.key} className="interval-row">
                  <div className="interval-field">
                    <label htmlFor={inputId(row.key, 'start')}>
                      Start{' '}<span className="visually-hidden">({where})</span>
                    </label>
                    <input
                      id={inputId(row.key, 'start')}
                      value={row.start}
                      onChange={(event) => setRow(weekday, row.key, { start: event.target.value })}
                      {...common}
                    />
                  </div>
                  <div className="interval-field">
                    <label htmlFor={inputId(row.key, 'end')}>
                      End{' '}<span className="visually-hidden">({where})</span>
                    </label>
                    <input
                      id={inputId(row.key, 'end')}
                      value={row.end}
                      onChange={(event) => setRow(weekday, row.key, { end: event.target.value })}
                      {...common}
                    />
                  </div>
                  <button type="button" className="remove-row" onClick={() => remove(weekday, row.key)}>
                    Remove{' '}<span className="visually-hidden">{where}</span>
                  </button>
                  <FieldError id={errorId} error={error} />
                </div>
              )
            })}
            <button
              type="button"
              id={`calendar-add-interval-${weekday}`}
              className="add-row"
              ref={(node) => {
                addButtons.current[weekday] = node
              }}
              onClick={() => add(weekday)}
            >
              Add interval{' '}<span className="visually-hidden">to {dayName}</span>
            </button>
          </fieldset>
        ))}
      </div>
    </fieldset>
  )
}
