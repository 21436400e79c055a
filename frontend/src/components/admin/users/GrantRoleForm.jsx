// Grant a role: pick a system the signed-in admin manages, then one of its roles the user
// does not hold yet; a confirmation names both before anything changes.
import { useEffect, useState } from 'react'

import ConfirmDialog from './ConfirmDialog.jsx'
import { useRoles } from './hooks.js'
import { messageOf } from './helpers.js'

export default function GrantRoleForm({ systems, held, userName, onGrant }) {
  const [system, setSystem] = useState(() => (systems.some((s) => s.slug === 'tts') ? 'tts' : systems[0]?.slug || ''))
  const [roleId, setRoleId] = useState('')
  const [asking, setAsking] = useState(null)
  const [roleError, setRoleError] = useState('')
  const roles = useRoles(system)

  useEffect(() => {
    if (system && !systems.some((s) => s.slug === system)) setSystem(systems[0]?.slug || '')
  }, [systems, system])

  const heldIds = held[system] || new Set()
  const choices = (roles.data?.results || []).filter((role) => !heldIds.has(role.id))

  const submit = (event) => {
    event.preventDefault()
    const role = choices.find((r) => String(r.id) === roleId)
    if (!role) {
      setRoleError('Choose a role to grant.')
      document.getElementById('grant-role')?.focus()
      return
    }
    setRoleError('')
    setAsking({ slug: system, role })
  }

  if (!systems.length) {
    return <p className="au-hint">You are not an admin of any system, so you cannot grant roles.</p>
  }

  return (
    <form className="au-grant-form" onSubmit={submit} aria-labelledby="grant-heading" noValidate>
      <h4 id="grant-heading">Grant a role</h4>
      <div className="au-grid">
        <div className="au-field">
          <label htmlFor="grant-system">System</label>
          <select
            id="grant-system"
            value={system}
            onChange={(event) => {
              setSystem(event.target.value)
              setRoleId('')
              setRoleError('')
            }}
          >
            {systems.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.name && s.name !== s.slug ? `${s.name} (${s.slug})` : s.slug}
              </option>
            ))}
          </select>
        </div>
        <div className="au-field">
          <label htmlFor="grant-role">Role</label>
          <select
            id="grant-role"
            value={roleId}
            onChange={(event) => {
              setRoleId(event.target.value)
              setRoleError('')
            }}
            disabled={roles.loading && !roles.data}
            aria-invalid={!!(roleError || roles.error)}
            aria-describedby={roleError || roles.error ? 'grant-role-error' : undefined}
          >
            <option value="">{roles.loading && !roles.data ? 'Loading roles…' : 'Choose a role'}</option>
            {choices.map((role) => (
              <option key={role.id} value={String(role.id)}>
                {role.name}
              </option>
            ))}
          </select>
          {(roleError || roles.error) && (
            <span id="grant-role-error" className="field-error" role="alert">
              {roleError || `Roles could not be loaded: ${messageOf(roles.error)}`}
            </span>
          )}
          {roles.data && !choices.length && <span className="au-hint">{userName} holds every role of this system.</span>}
        </div>
      </div>
      <div className="au-actions">
        <button type="submit">Grant role</button>
      </div>
      {asking && (
        <ConfirmDialog
          title="Grant role?"
          confirmLabel="Grant"
          busyLabel="Granting…"
          onConfirm={async () => {
            if (await onGrant(asking.slug, asking.role)) setRoleId('')
          }}
          onClose={() => setAsking(null)}
        >
          <p>
            Give {userName} the role <strong>{asking.role.name}</strong> in <strong>{asking.slug}</strong>? It applies
            from their next sign-in or session refresh (within minutes).
          </p>
        </ConfirmDialog>
      )}
    </form>
  )
}
