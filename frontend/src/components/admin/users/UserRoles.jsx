// A user's roles in each system. In the systems the signed-in admin manages, each grant
// can be revoked and new ones granted (both confirmed); elsewhere the roles are read-only.
import { useMemo, useState } from 'react'

import { grantRole, revokeGrant } from '../../../api/auth.js'
import { useAuth } from '../../../auth/AuthContext.jsx'
import { ErrorMessage, Loading } from '../../States.jsx'
import ConfirmDialog from './ConfirmDialog.jsx'
import GrantRoleForm from './GrantRoleForm.jsx'
import Notice from './Notice.jsx'
import { useSystems, useUserGrants } from './hooks.js'
import { adminSlugs, formatDate, messageOf, nameOf, rolesBySystem } from './helpers.js'

export default function UserRoles({ user, onChanged }) {
  const { roles: myRoles } = useAuth()
  const systemsAnswer = useSystems()
  const [version, setVersion] = useState(0)
  const [notice, setNotice] = useState(null)
  const [revoking, setRevoking] = useState(null)
  const name = nameOf(user)

  const mine = useMemo(() => adminSlugs(myRoles || []), [myRoles])
  const grants = useUserGrants(user.id, mine, version)
  const heldBySystem = useMemo(() => Object.fromEntries(rolesBySystem(user.roles)), [user.roles])

  // every system there is (or, if that list failed, those we know of from the roles)
  const systems = useMemo(() => {
    const listed = systemsAnswer.data?.results || []
    const known = new Map(listed.map((system) => [system.slug, system]))
    for (const slug of [...mine, ...Object.keys(heldBySystem)]) {
      if (slug && !known.has(slug)) known.set(slug, { slug, name: slug })
    }
    return [...known.values()].sort((a, b) => a.slug.localeCompare(b.slug))
  }, [systemsAnswer.data, mine, heldBySystem])
  const managed = systems.filter((system) => mine.includes(system.slug))

  const held = useMemo(() => {
    const ids = {}
    for (const [slug, answer] of Object.entries(grants.data || {})) {
      ids[slug] = new Set((answer.grants || []).map((grant) => grant.role.id))
    }
    return ids
  }, [grants.data])

  const changed = () => {
    setVersion((v) => v + 1)
    onChanged()
  }

  const grant = async (slug, role) => {
    setNotice(null)
    try {
      await grantRole(slug, { userId: user.id, roleId: role.id })
      setNotice({ kind: 'ok', text: `Granted ${slug}:${role.name} to ${name}.` })
      changed()
      return true
    } catch (caught) {
      setNotice({ kind: 'error', text: `Could not grant ${slug}:${role.name}: ${messageOf(caught)}` })
      return false
    }
  }

  const revoke = async () => {
    const { slug, grant: one } = revoking
    setNotice(null)
    try {
      await revokeGrant(slug, one.id)
      setNotice({ kind: 'ok', text: `Revoked ${slug}:${one.role.name} from ${name}. They were signed out.` })
      changed()
    } catch (caught) {
      setNotice({ kind: 'error', text: `Could not revoke ${slug}:${one.role.name}: ${messageOf(caught)}` })
    }
  }

  return (
    <section className="au-section" aria-labelledby="user-roles-heading">
      <h3 id="user-roles-heading">Roles</h3>
      {systemsAnswer.error && <ErrorMessage error={systemsAnswer.error} onRetry={systemsAnswer.reload} />}
      {grants.loading && !grants.data && <Loading label="Loading roles…" />}
      <Notice notice={notice} onDismiss={() => setNotice(null)} />
      <ul className="au-systems">
        {systems.map((system) => {
          const manages = mine.includes(system.slug)
          const answer = grants.data?.[system.slug]
          return (
            <li key={system.slug} className="au-system-block">
              <h4 className="au-system-title">
                {system.name && system.name !== system.slug ? `${system.name} (${system.slug})` : system.slug}
              </h4>
              {manages && answer?.error && (
                <ErrorMessage error={`Grants could not be loaded: ${messageOf(answer.error)}`} onRetry={grants.reload} />
              )}
              {manages && answer?.grants && (
                <SystemGrants slug={system.slug} grants={answer.grants} onRevoke={(one) => setRevoking({ slug: system.slug, grant: one })} />
              )}
              {!manages && (
                <>
                  <RoleNames names={heldBySystem[system.slug] || []} />
                  <p className="au-hint">Only a {system.slug} admin can change these.</p>
                </>
              )}
            </li>
          )
        })}
      </ul>
      <GrantRoleForm systems={managed} held={held} userName={name} onGrant={grant} />
      {revoking && (
        <ConfirmDialog
          title="Revoke role?"
          confirmLabel="Revoke"
          busyLabel="Revoking…"
          danger
          onConfirm={revoke}
          onClose={() => setRevoking(null)}
        >
          <p>
            Take the role <strong>{revoking.grant.role.name}</strong> in <strong>{revoking.slug}</strong> away from {name}?
            They are signed out and sign in again with the roles they have left.
          </p>
        </ConfirmDialog>
      )}
    </section>
  )
}

function SystemGrants({ slug, grants, onRevoke }) {
  if (!grants.length) return <p className="muted au-none">No roles in {slug}.</p>
  return (
    <ul className="au-grants">
      {grants.map((one) => (
        <li key={one.id}>
          <span className="au-grant-name">{one.role.name}</span>
          <span className="au-hint">
            since {formatDate(one.granted_at)}
            {one.granted_by ? ` by ${one.granted_by.email}` : ''}
          </span>
          <button type="button" className="au-danger" aria-label={`Revoke ${slug}:${one.role.name}`} onClick={() => onRevoke(one)}>
            Revoke
          </button>
        </li>
      ))}
    </ul>
  )
}

function RoleNames({ names }) {
  if (!names.length) return <p className="muted au-none">No roles.</p>
  return (
    <ul className="au-grants">
      {names.map((role) => (
        <li key={role}>
          <span className="au-grant-name">{role}</span>
        </li>
      ))}
    </ul>
  )
}
