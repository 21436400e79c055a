import { useState } from 'react'

import { previewCalendar } from '../../../api/workflow.js'
import { useFetch } from '../../../hooks/useFetch.js'
import { FieldError } from '../../States.jsx'
import { dateToZoned, formatInZone, zonedToDate } from './timeZones.js'

const MAX_HOURS = 24 * 366 // the API takes at most 366 days of minutes

// "A [4]-hour target starting [now | at …] ends at …" on the SAVED calendar (GET
// /calendars/<id>/preview/). `version` changes after each save, which asks again.
export default function DeadlinePreview({ calendarId, timeZone, version, dirty = false }) {
  const [hours, setHours] = useState('4')
  const [mode, setMode] = useState('now')
  const [at, setAt] = useState('')

  const number = Number(hours)
  const minutes = Math.round(number * 60)
  const hoursError =
    hours.trim() === '' || !Number.isFinite(number) || minutes < 1 || number > MAX_HOURS
      ? `Enter a number of hours above 0 (at most ${MAX_HOURS}).`
      : ''
  const start = mode === 'at' ? zonedToDate(at, timeZone) : null
  const startError = mode === 'at' && !start ? 'Enter a date and a time.' : ''
  const startIso = start ? start.toISOString() : undefined
  const ready = !hoursError && !startError

  const { data, error, loading } = useFetch(
    () => (ready ? previewCalendar(calendarId, { minutes, start: startIso }) : null),
    [calendarId, version, minutes, startIso, ready],
  )

  const chooseAt = () => {
    setMode('at')
    if (!at) setAt(dateToZoned(new Date(), timeZone))
  }

  let result
  if (!ready) result = <span className="muted">—</span>
  else if (error) result = <span className="preview-error">{error.detail || error.message}</span>
  else if (!data) result = <span className="muted">Calculating…</span>
  else
    result = (
      <time dateTime={data.due_at}>
        {formatInZone(data.due_at, timeZone)} ({timeZone})
      </time>
    )

  return (
    <section className="calendar-card deadline-preview" aria-labelledby="deadline-preview-heading">
      <h2 id="deadline-preview-heading">Deadline preview</h2>
      <p className="hint">
        Uses the saved calendar.{dirty && <strong> Save your changes to see their effect.</strong>}
      </p>
      <div className="preview-inputs">
        <div className="preview-hours">
          <label htmlFor="preview-hours">Target (business hours)</label>
          <input
            id="preview-hours"
            type="number"
            min="0.25"
            step="0.25"
            max={MAX_HOURS}
            value={hours}
            onChange={(event) => setHours(event.target.value)}
            aria-invalid={hoursError ? true : undefined}
            aria-describedby={hoursError ? 'preview-hours-error' : undefined}
          />
          <FieldError id="preview-hours-error" error={hoursError} />
        </div>
        <fieldset className="preview-start">
          <legend>Starting</legend>
          <div className="radio">
            <input id="preview-start-now" type="radio" name="preview-start" checked={mode === 'now'} onChange={() => setMode('now')} />
            <label htmlFor="preview-start-now">Now</label>
          </div>
          <div className="radio">
            <input id="preview-start-at" type="radio" name="preview-start" checked={mode === 'at'} onChange={chooseAt} />
            <label htmlFor="preview-start-at">At a given time</label>
          </div>
        </fieldset>
        {mode === 'at' && (
          <div className="preview-at">
            <label htmlFor="preview-at">Start ({timeZone} time)</label>
            <input
              id="preview-at"
              type="datetime-local"
              value={at}
              onChange={(event) => setAt(event.target.value)}
              aria-invalid={startError ? true : undefined}
              aria-describedby={startError ? 'preview-at-error' : undefined}
            />
            <FieldError id="preview-at-error" error={startError} />
          </div>
        )}
      </div>
      <p className="preview-sentence">
        {ready ? (
          <>
            A {hours}-hour target starting{' '}
            {mode === 'now' ? 'now' : formatInZone(startIso, timeZone)} ends at{' '}
          </>
        ) : (
          'Ends at '
        )}
        <output aria-labelledby="deadline-preview-heading" aria-busy={loading} className="preview-result">
          {result}
        </output>
      </p>
    </section>
  )
}
