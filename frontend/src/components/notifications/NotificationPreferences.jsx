// Per notification type: shown in the app, sent by email.
import { useEffect, useState } from 'react'

import { NOTIFICATION_TYPES, setPreferences } from '../../api/notifications.js'
import { ErrorMessage, Loading } from '../States.jsx'
import { typeLabel } from './format.js'
import { usePreferences } from './hooks.js'

// Password-reset emails ignore preferences and never show in the app: nothing to choose.
const HIDDEN = new Set(['password_reset'])

export function preferenceTypes(preferences) {
  const known = NOTIFICATION_TYPES.filter((type) => type in preferences)
  const extra = Object.keys(preferences).filter((type) => !NOTIFICATION_TYPES.includes(type))
  return [...known, ...extra].filter((type) => !HIDDEN.has(type))
}

function errorText(error) {
  if (!error) return ''
  const parts = Object.entries(error.body || {})
    .filter(([key]) => key !== 'detail')
    .map(([key, value]) => `${typeLabel(key)}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
  return parts.length ? `Could not save: ${parts.join('; ')}` : error.detail
}

export default function NotificationPreferences() {
  const { data, error, loading, reload, setData } = usePreferences()
  const [draft, setDraft] = useState(null)
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState(null)
  const [saved, setSaved] = useState('')

  useEffect(() => {
    if (data) setDraft(data)
  }, [data])

  const toggle = (type, channel) => (event) => {
    const checked = event.target.checked
    setSaved('')
    setDraft((current) => ({ ...current, [type]: { ...current[type], [channel]: checked } }))
  }

  const submit = async (event) => {
    event.preventDefault()
    setSaving(true)
    setSaveError(null)
    setSaved('')
    try {
      const body = Object.fromEntries(
        preferenceTypes(draft).map((type) => [type, { in_app: !!draft[type].in_app, email: !!draft[type].email }]),
      )
      const answer = await setPreferences(body)
      setData(answer || draft)
      setSaved('Preferences saved.')
    } catch (caught) {
      setSaveError(caught)
    } finally {
      setSaving(false)
    }
  }

  return (
    <section className="notif-prefs" aria-labelledby="notif-prefs-heading">
      <h2 id="notif-prefs-heading">Preferences</h2>
      <p className="hint">Choose how each kind of notification reaches you. Password-reset emails are always sent.</p>
      {loading && !draft && <Loading label="Loading preferences…" />}
      {error && !draft && <ErrorMessage error={error} onRetry={reload} />}
      {draft && (
        <form onSubmit={submit} noValidate>
          <div className="pref-grid">
            <div className="pref-row pref-head" aria-hidden="true">
              <span>Type</span>
              <span>In the app</span>
              <span>Email</span>
            </div>
            {preferenceTypes(draft).map((type) => {
              const label = typeLabel(type)
              const rowId = `pref-${type}-label`
              return (
                <div className="pref-row" role="group" aria-labelledby={rowId} key={type}>
                  <span id={rowId} className="pref-type">
                    {label.charAt(0).toUpperCase() + label.slice(1)}
                  </span>
                  <span className="pref-check">
                    <input id={`pref-${type}-in_app`} type="checkbox" checked={!!draft[type]?.in_app} onChange={toggle(type, 'in_app')} />
                    <label htmlFor={`pref-${type}-in_app`}>
                      <span className="pref-short">In app</span>{' '}
                      <span className="visually-hidden">for {label}</span>
                    </label>
                  </span>
                  <span className="pref-check">
                    <input id={`pref-${type}-email`} type="checkbox" checked={!!draft[type]?.email} onChange={toggle(type, 'email')} />
                    <label htmlFor={`pref-${type}-email`}>
                      <span className="pref-short">Email</span>{' '}
                      <span className="visually-hidden">for {label}</span>
                    </label>
                  </span>
                </div>
              )
            })}
          </div>
          {saveError && (
            <p className="state state-error" role="alert">
              {errorText(saveError)}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" disabled={saving}>
              {saving ? 'Saving…' : 'Save preferences'}
            </button>
            <span role="status" className="notif-saved">
              {saved}
            </span>
          </div>
        </form>
      )}
    </section>
  )
}
