import { useEffect, useMemo, useState } from 'react'

import { FieldError } from '../../States.jsx'
import { apiErrors, describedBy, formError } from '../../profile/errors.js'
import HolidayEditor from './HolidayEditor.jsx'
import IntervalEditor from './IntervalEditor.jsx'
import {
  NO_WORKING_TIME,
  daysFromApi,
  intervalsToApi,
  listErrors,
  newKey,
  validateHolidays,
  validateWeek,
} from './intervals.js'
import { timeZoneOptions } from './timeZones.js'

const KNOWN = ['name', 'time_zone', 'intervals', 'holidays']
const NO_API_ERRORS = { fields: {}, intervals: { message: '', byKey: {} }, holidays: { message: '', byKey: {} } }

function stateOf(calendar) {
  return {
    name: calendar.name || '',
    timeZone: calendar.time_zone || 'UTC',
    days: daysFromApi(calendar.intervals),
    holidays: (calendar.holidays || []).map((h) => ({
      key: newKey('hol'),
      date: h.date || '',
      name: h.name || '',
      recurring_yearly: !!h.recurring_yearly,
    })),
  }
}

// The form's state → the body of POST/PUT /api/v1/calendars/ (and the row keys in body order).
export function bodyOf(state) {
  const { intervals, keys } = intervalsToApi(state.days)
  return {
    body: {
      name: state.name.trim(),
      time_zone: state.timeZone,
      intervals,
      holidays: state.holidays.map((h) => ({ date: h.date, name: h.name.trim(), recurring_yearly: h.recurring_yearly })),
    },
    intervalKeys: keys,
    holidayKeys: state.holidays.map((h) => h.key),
  }
}

const signature = (state) => JSON.stringify(bodyOf(state).body)

// Name, time zone, working intervals and holidays of one calendar. `onSave(body)` sends it
// and resolves to the saved calendar, which the form then shows.
export default function CalendarForm({ calendar, onSave, saveLabel = 'Save calendar', onDirtyChange }) {
  const [state, setState] = useState(() => stateOf(calendar))
  const [savedSignature, setSavedSignature] = useState(() => signature(stateOf(calendar)))
  const [touched, setTouched] = useState(() => new Set())
  const [submitted, setSubmitted] = useState(false)
  const [serverErrors, setServerErrors] = useState(NO_API_ERRORS)
  const [problem, setProblem] = useState('')
  const [saved, setSaved] = useState('')
  const [busy, setBusy] = useState(false)

  // ~420 options: built once per zone, not on every keystroke elsewhere in the form
  const zoneOptions = useMemo(
    () =>
      timeZoneOptions(state.timeZone).map((zone) => (
        <option key={zone} value={zone}>
          {zone.replace(/_/g, ' ')}
        </option>
      )),
    [state.timeZone],
  )
  const dirty = signature(state) !== savedSignature
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange])

  const intervalProblems = validateWeek(state.days)
  const holidayProblems = validateHolidays(state.holidays)
  const noIntervals = state.days.every((rows) => rows.length === 0)
  const show = (key) => submitted || touched.has(key)
  const pick = (client, server) =>
    Object.fromEntries(
      [...new Set([...Object.keys(client), ...Object.keys(server)])]
        .map((key) => [key, (show(key) && client[key]) || server[key]])
        .filter(([, message]) => message),
    )
  const nameError = (submitted && !state.name.trim() ? 'Enter a name.' : '') || serverErrors.fields.name
  const zoneError = serverErrors.fields.time_zone
  const intervalErrors = pick(intervalProblems, serverErrors.intervals.byKey)
  const intervalListError = (submitted && noIntervals ? NO_WORKING_TIME : '') || serverErrors.intervals.message
  const holidayErrors = pick(holidayProblems, serverErrors.holidays.byKey)

  const change = (patch, clear) => {
    setSaved('')
    setState((current) => ({ ...current, ...patch }))
    // an edited field's API error is out of date
    setServerErrors((current) =>
      clear in NO_API_ERRORS
        ? { ...current, [clear]: NO_API_ERRORS[clear] }
        : { ...current, fields: { ...current.fields, [clear]: '' } },
    )
  }
  const touch = (key) => setTouched((current) => (current.has(key) ? current : new Set(current).add(key)))

  const focusFirstError = (ids) => {
    const first = ids.find(Boolean)
    if (first) document.getElementById(first)?.focus()
  }

  const submit = async (event) => {
    event.preventDefault()
    if (busy) return
    setSubmitted(true)
    setSaved('')
    setProblem('')
    const badInterval = Object.keys(intervalProblems)[0]
    const badHoliday = Object.keys(holidayProblems)[0]
    if (!state.name.trim() || badInterval || badHoliday || noIntervals) {
      setProblem('Please correct the marked fields.')
      focusFirstError([
        !state.name.trim() && 'calendar-name',
        badInterval && `calendar-interval-${badInterval}-start`,
        noIntervals && 'calendar-add-interval-0',
        badHoliday && `calendar-holiday-${badHoliday}-date`,
      ])
      return
    }
    const { body, intervalKeys, holidayKeys } = bodyOf(state)
    setBusy(true)
    setServerErrors(NO_API_ERRORS)
    try {
      const answer = await onSave(body)
      if (answer) {
        const next = stateOf(answer)
        setState(next)
        setSavedSignature(signature(next))
        setTouched(new Set())
        setSubmitted(false)
        setSaved('Calendar saved.')
      }
    } catch (caught) {
      const found = {
        fields: apiErrors(caught),
        intervals: listErrors(caught?.body?.intervals, intervalKeys),
        holidays: listErrors(caught?.body?.holidays, holidayKeys),
      }
      setServerErrors(found)
      setProblem(formError(caught, KNOWN))
      focusFirstError([
        found.fields.name && 'calendar-name',
        found.fields.time_zone && 'calendar-time-zone',
        Object.keys(found.intervals.byKey)[0] && `calendar-interval-${Object.keys(found.intervals.byKey)[0]}-start`,
        found.intervals.message && 'calendar-add-interval-0',
        Object.keys(found.holidays.byKey)[0] && `calendar-holiday-${Object.keys(found.holidays.byKey)[0]}-date`,
      ])
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="calendar-form" onSubmit={submit} noValidate aria-label="Calendar">
      {problem && (
        <p className="state state-error" role="alert">
          {problem}
        </p>
      )}
      <div className="calendar-basics">
        <div>
          <label htmlFor="calendar-name">Name</label>
          <input
            id="calendar-name"
            value={state.name}
            maxLength={100}
            required
            onChange={(event) => change({ name: event.target.value }, 'name')}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={describedBy(nameError && 'calendar-name-error')}
          />
          <FieldError id="calendar-name-error" error={nameError} />
        </div>
        <div>
          <label htmlFor="calendar-time-zone">Time zone</label>
          <select
            id="calendar-time-zone"
            value={state.timeZone}
            onChange={(event) => change({ timeZone: event.target.value }, 'time_zone')}
            aria-invalid={zoneError ? true : undefined}
            aria-describedby={describedBy(zoneError && 'calendar-time-zone-error')}
          >
            {zoneOptions}
          </select>
          <FieldError id="calendar-time-zone-error" error={zoneError} />
        </div>
      </div>
      <IntervalEditor
        days={state.days}
        onChange={(days) => change({ days }, 'intervals')}
        errors={intervalErrors}
        listError={intervalListError}
        onBlurRow={touch}
      />
      <HolidayEditor
        holidays={state.holidays}
        onChange={(holidays) => change({ holidays }, 'holidays')}
        errors={holidayErrors}
        listError={serverErrors.holidays.message}
        onBlurRow={touch}
      />
      <div className="form-actions">
        {/* aria-disabled, not disabled: the focus stays on the button while saving */}
        <button type="submit" aria-disabled={busy || undefined}>
          {busy ? 'Saving…' : saveLabel}
        </button>
        <span role="status" className="saved-message">
          {saved || (dirty ? 'Unsaved changes.' : '')}
        </span>
      </div>
    </form>
  )
}
