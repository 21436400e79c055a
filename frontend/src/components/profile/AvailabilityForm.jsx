// Agents: available for new work, or away (optionally handing open work to a delegate).
import { useEffect, useState } from 'react'

import { setAvailability } from '../../api/workflow.js'
import { useAuth } from '../../auth/AuthContext.jsx'
import { ErrorMessage, FieldError, Loading } from '../States.jsx'
import DelegatePicker from './DelegatePicker.jsx'
import { apiErrors, describedBy, formError } from './errors.js'
import { useAvailability } from './hooks.js'

const RENAME = { delegate_id: 'delegate', is_available: 'status' }

export default function AvailabilityForm() {
  const { user } = useAuth()
  const { data, error, loading, reload, setData } = useAvailability()
  const [status, setStatus] = useState('available')
  const [delegate, setDelegate] = useState(null)
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState({})
  const [problem, setProblem] = useState('')
  const [saved, setSaved] = useState('')
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!data) return
    setStatus(data.is_available === false ? 'away' : 'available')
    setDelegate((current) =>
      data.delegate_id == null ? null : String(current?.id) === String(data.delegate_id) ? current : { id: data.delegate_id },
    )
    setNote(data.note || '')
  }, [data])

  const touched = () => setSaved('')

  const submit = async (event) => {
    event.preventDefault()
    setBusy(true)
    setErrors({})
    setProblem('')
    setSaved('')
    const away = status === 'away'
    try {
      const answer = await setAvailability({
        isAvailable: !away,
        delegateId: away && delegate ? Number(delegate.id) : null,
        note: away ? note.trim() : '',
      })
      if (answer) setData(answer)
      setSaved(away ? 'Availability saved: you are away.' : 'Availability saved: you are available.')
    } catch (caught) {
      setErrors(apiErrors(caught, RENAME))
      setProblem(formError(caught, Object.keys(RENAME).concat('note')))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="profile-card" aria-labelledby="availability-heading">
      <h2 id="availability-heading">Availability</h2>
      {loading && !data && <Loading label="Loading availability…" />}
      {error && !data && <ErrorMessage error={error} onRetry={reload} />}
      {data && (
        <form onSubmit={submit} noValidate>
          {problem && (
            <p className="state state-error" role="alert">
              {problem}
            </p>
          )}
          <fieldset className="availability-status" aria-describedby={describedBy(errors.status && 'availability-status-error')}>
            <legend>Status</legend>
            <div className="radio">
              <input
                id="availability-available"
                type="radio"
                name="availability"
                value="available"
                checked={status === 'available'}
                onChange={() => {
                  touched()
                  setStatus('available')
                }}
              />
              <label htmlFor="availability-available">Available</label>
            </div>
            <div className="radio">
              <input
                id="availability-away"
                type="radio"
                name="availability"
                value="away"
                checked={status === 'away'}
                onChange={() => {
                  touched()
                  setStatus('away')
                }}
              />
              <label htmlFor="availability-away">Away</label>
            </div>
            <FieldError id="availability-status-error" error={errors.status} />
          </fieldset>
          <p className="hint">While you are away you get no new work; a delegate takes over your open steps.</p>
          {status === 'away' && (
            <>
              <DelegatePicker
                id="availability-delegate"
                value={delegate}
                excludeId={user?.id}
                onChange={(person) => {
                  touched()
                  setDelegate(person)
                }}
                error={errors.delegate}
                errorId="availability-delegate-error"
              />
              <FieldError id="availability-delegate-error" error={errors.delegate} />
              <label htmlFor="availability-note">Note</label>
              <input
                id="availability-note"
                value={note}
                onChange={(event) => {
                  touched()
                  setNote(event.target.value)
                }}
                maxLength={255}
                aria-invalid={!!errors.note}
                aria-describedby={describedBy('availability-note-hint', errors.note && 'availability-note-error')}
              />
              <span id="availability-note-hint" className="hint">
                Optional, e.g. “On leave until Monday”.
              </span>
              <FieldError id="availability-note-error" error={errors.note} />
            </>
          )}
          <div className="form-actions">
            <button type="submit" disabled={busy}>
              {busy ? 'Saving…' : 'Save availability'}
            </button>
            <span role="status" className="profile-saved">
              {saved}
            </span>
          </div>
        </form>
      )}
    </section>
  )
}
