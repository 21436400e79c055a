import { useState } from 'react'
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom'

import { useAuth } from '../auth/AuthContext.jsx'
import { FieldError } from '../components/States.jsx'

export function loginErrorText(error) {
  if (error.status === 429) {
    const wait = error.retryAfter || error.body?.retry_after
    return wait ? `Too many attempts. Try again in ${wait} seconds.` : error.detail
  }
  if (error.status === 0) return error.detail
  return error.detail || 'Sign-in failed.'
}

export default function LoginPage() {
  const { user, signIn } = useAuth()
  const navigate = useNavigate()
  const location = useLocation()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [otp, setOtp] = useState('')
  const [needsOtp, setNeedsOtp] = useState(false)
  const [error, setError] = useState(null)
  const [fields, setFields] = useState({})
  const [busy, setBusy] = useState(false)

  if (user) return <Navigate to={location.state?.from || '/tickets'} replace />

  const submit = async (event) => {
    event.preventDefault()
    setError(null)
    setFields({})
    if (!email.trim() || !password) {
      setFields({ username: email.trim() ? '' : 'Enter your email address.', password: password ? '' : 'Enter your password.' })
      return
    }
    setBusy(true)
    try {
      await signIn(email.trim(), password, needsOtp ? otp.trim() : undefined)
      navigate(location.state?.from || '/tickets', { replace: true })
    } catch (caught) {
      if (caught.body?.otp_required) {
        setNeedsOtp(true)
        setError(needsOtp ? loginErrorText(caught) : 'Enter the 6-digit code from your authenticator app.')
      } else {
        setError(loginErrorText(caught))
        setFields(caught.fields || {})
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="login">
      <h1>Sign in to TTS</h1>
      <form onSubmit={submit} noValidate aria-describedby={error ? 'login-error' : undefined}>
        {error && (
          <p id="login-error" className="state state-error" role="alert">
            {error}
          </p>
        )}
        <label htmlFor="email">Email</label>
        <input id="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={!!fields.username} />
        <FieldError error={fields.username} />
        <label htmlFor="password">Password</label>
        <input id="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-invalid={!!fields.password} />
        <FieldError error={fields.password} />
        {needsOtp && (
          <>
            <label htmlFor="otp">Authenticator code</label>
            <input id="otp" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={otp} onChange={(e) => setOtp(e.target.value)} />
          </>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        <Link to="/reset-password">Forgot your password?</Link>
      </p>
    </main>
  )
}
