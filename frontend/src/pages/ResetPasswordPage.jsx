// /reset-password: ask for a reset link by email; with ?token= (the e-mailed link, also
// the one an invitation sends) choose a new password.
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router-dom'

import { confirmPasswordReset, requestPasswordReset } from '../api/auth.js'
import { FieldError } from '../components/States.jsx'
import { apiErrors, describedBy, formError } from '../components/profile/errors.js'

export function checkNewPassword({ next, repeat }) {
  const errors = {}
  if (!next) errors.next = 'Enter a new password.'
  if (!repeat) errors.repeat = 'Repeat the new password.'
  else if (next && next !== repeat) errors.repeat = 'The new passwords do not match.'
  return errors
}

function RequestLink() {
  const [email, setEmail] = useState('')
  const [error, setError] = useState('')
  const [sent, setSent] = useState(false)
  const [busy, setBusy] = useState(false)

  const submit = async (event) => {
    event.preventDefault()
    setError('')
    if (!email.trim()) return setError('Enter your email address.')
    setBusy(true)
    try {
      await requestPasswordReset(email.trim())
      setSent(true)
    } catch (caught) {
      setError(caught.fields?.email || formError(caught, ['email']))
    } finally {
      setBusy(false)
    }
  }

  if (sent) {
    return (
      <p role="status">
        If {email.trim()} has an account, a link to choose a new password is on its way. It works once, for an
        hour.
      </p>
    )
  }
  return (
    <form onSubmit={submit} noValidate>
      <label htmlFor="reset-email">Email</label>
      <input
        id="reset-email"
        type="email"
        autoComplete="username"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        aria-invalid={!!error}
        aria-describedby={describedBy(error && 'reset-email-error')}
      />
      <FieldError id="reset-email-error" error={error} />
      <button type="submit" disabled={busy}>
        {busy ? 'Sending…' : 'Send me a link'}
      </button>
    </form>
  )
}

function ChooseNew({ token }) {
  const [values, setValues] = useState({ next: '', repeat: '' })
  const [errors, setErrors] = useState({})
  const [problem, setProblem] = useState('')
  const [done, setDone] = useState(false)
  const [busy, setBusy] = useState(false)
  const set = (key) => (event) => setValues((current) => ({ ...current, [key]: event.target.value }))

  const submit = async (event) => {
    event.preventDefault()
    setProblem('')
    const found = checkNewPassword(values)
    setErrors(found)
    if (Object.keys(found).length) return
    setBusy(true)
    try {
      await confirmPasswordReset(token, values.next)
      setDone(true)
    } catch (caught) {
      setErrors(apiErrors(caught, { new_password: 'next' }))
      setProblem(formError(caught, ['new_password']))
    } finally {
      setBusy(false)
    }
  }

  if (done) {
    return (
      <p role="status">
        Your password is set. <Link to="/login">Sign in</Link>
      </p>
    )
  }
  return (
    <form onSubmit={submit} noValidate>
      {problem && (
        <p className="state state-error" role="alert">
          {problem} <Link to="/reset-password">Ask for a new link</Link>
        </p>
      )}
      <label htmlFor="reset-next">New password</label>
      <input
        id="reset-next"
        type="password"
        autoComplete="new-password"
        value={values.next}
        onChange={set('next')}
        aria-invalid={!!errors.next}
        aria-describedby={describedBy(errors.next && 'reset-next-error')}
      />
      <FieldError id="reset-next-error" error={errors.next} />
      <label htmlFor="reset-repeat">Repeat the new password</label>
      <input
        id="reset-repeat"
        type="password"
        autoComplete="new-password"
        value={values.repeat}
        onChange={set('repeat')}
        aria-invalid={!!errors.repeat}
        aria-describedby={describedBy(errors.repeat && 'reset-repeat-error')}
      />
      <FieldError id="reset-repeat-error" error={errors.repeat} />
      <button type="submit" disabled={busy}>
        {busy ? 'Saving…' : 'Set password'}
      </button>
    </form>
  )
}

export default function ResetPasswordPage() {
  const token = useSearchParams()[0].get('token')
  return (
    <main className="login">
      <h1>{token ? 'Choose a new password' : 'Reset your password'}</h1>
      {token ? <ChooseNew token={token} /> : <RequestLink />}
      <p>
        <Link to="/login">Back to sign in</Link>
      </p>
    </main>
  )
}
