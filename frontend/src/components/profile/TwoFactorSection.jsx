// The second factor (TOTP): set up with an authenticator app, or turn off with a code.
import { useState } from 'react'

import { confirmTotp, disableTotp, startTotp } from '../../api/auth.js'
import { useAuth } from '../../auth/AuthContext.jsx'
import { FieldError } from '../States.jsx'
import { apiErrors, describedBy, formError } from './errors.js'

// otpauth://totp/TTS:ana%40example.com?secret=JBSW...&issuer=TTS → JBSW...
export function secretOf(uri) {
  try {
    const secret = new URL(uri).searchParams.get('secret')
    if (secret) return secret
  } catch {
    /* fall through */
  }
  const match = /[?&]secret=([^&]+)/i.exec(uri || '')
  return match ? decodeURIComponent(match[1]) : ''
}

const CODE = /^\d{6}$/

export default function TwoFactorSection({ enabled, onChange }) {
  const { user, setUser } = useAuth()
  const [setup, setSetup] = useState(null)
  const [code, setCode] = useState('')
  const [codeError, setCodeError] = useState('')
  const [problem, setProblem] = useState('')
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)

  const reset = () => {
    setCode('')
    setCodeError('')
    setProblem('')
  }

  const changed = (on, text) => {
    reset()
    setSetup(null)
    setDone(text)
    onChange?.(on)
    setUser({ ...(user || {}), totp_enabled: on })
  }

  const fail = (caught) => {
    setCodeError(apiErrors(caught).code || '')
    setProblem(formError(caught, ['code']))
    if (caught?.fields?.code) document.getElementById('totp-code')?.focus()
  }

  const run = async (work) => {
    setBusy(true)
    reset()
    setDone('')
    try {
      await work()
    } catch (caught) {
      fail(caught)
    } finally {
      setBusy(false)
    }
  }

  const begin = () =>
    run(async () => {
      const answer = await startTotp()
      setSetup({ uri: answer.otpauth_uri, secret: secretOf(answer.otpauth_uri) })
      setTimeout(() => document.getElementById('totp-code')?.focus(), 0)
    })

  const checkCode = () => {
    if (CODE.test(code.trim())) return true
    setCodeError('Enter the 6-digit code.')
    document.getElementById('totp-code')?.focus()
    return false
  }

  const confirm = (event) => {
    event.preventDefault()
    setDone('')
    if (!checkCode()) return
    run(async () => {
      const answer = await confirmTotp(code.trim())
      changed(true, answer?.detail || 'Two-factor authentication is on.')
    })
  }

  const turnOff = (event) => {
    event.preventDefault()
    setDone('')
    if (!checkCode()) return
    run(async () => {
      await disableTotp(code.trim())
      changed(false, 'Two-factor authentication is off.')
    })
  }

  const codeField = (
    <div className="totp-code">
      <label htmlFor="totp-code">Code</label>
      <input
        id="totp-code"
        value={code}
        onChange={(event) => {
          setCode(event.target.value.replace(/[^\d]/g, '').slice(0, 6))
          setCodeError('')
        }}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        aria-invalid={!!codeError}
        aria-describedby={describedBy('totp-code-hint', codeError && 'totp-code-error')}
      />
      <span id="totp-code-hint" className="hint">
        The 6-digit code your authenticator app shows now.
      </span>
      <FieldError id="totp-code-error" error={codeError} />
    </div>
  )

  return (
    <section className="profile-card" aria-labelledby="totp-heading">
      <h2 id="totp-heading">Two-factor authentication</h2>
      {problem && (
        <p className="state state-error" role="alert">
          {problem}
        </p>
      )}
      {enabled ? (
        <form onSubmit={turnOff} noValidate>
          <p>
            <span className="badge totp-on">On</span> Signing in asks for a code from your authenticator app.
          </p>
          {codeField}
          <div className="form-actions">
            <button type="submit" className="danger" disabled={busy}>
              Turn off two-factor authentication
            </button>
          </div>
        </form>
      ) : setup ? (
        <form onSubmit={confirm} noValidate>
          <p>Add this account to your authenticator app with the key below (or the setup address), then enter the code the app shows.</p>
          <dl className="totp-setup">
            <dt>Secret key</dt>
            <dd>
              <code className="selectable" data-testid="totp-secret">
                {setup.secret}
              </code>
            </dd>
            <dt>Setup address (otpauth URI)</dt>
            <dd>
              <code className="selectable totp-uri">{setup.uri}</code>
            </dd>
          </dl>
          {codeField}
          <div className="form-actions">
            <button type="submit" disabled={busy}>
              Confirm
            </button>
            <button type="button" onClick={() => { reset(); setSetup(null) }} disabled={busy}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <p>
            <span className="badge">Off</span> Add a code from an authenticator app to your sign-in.
          </p>
          <button type="button" className="primary" onClick={begin} disabled={busy}>
            Set up two-factor authentication
          </button>
        </>
      )}
      <p role="status" className="profile-saved">
        {done}
      </p>
    </section>
  )
}
