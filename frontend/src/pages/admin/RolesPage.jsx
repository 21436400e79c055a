// /admin/roles: a system's roles with how many hold each; create, edit and delete roles
// (deletion confirmed); one role's members. The URL holds ?system=<slug>&role=<id>.
import { useState } from 'react'
import { useSearchParams } from 'react-router-dom'

import { createRole, deleteRole, updateRole } from '../../api/auth.js'
import { Empty, ErrorMessage, Loading } from '../../components/States.jsx'
import ConfirmDialog from '../../components/admin/users/ConfirmDialog.jsx'
import Notice from '../../components/admin/users/Notice.jsx'
import RoleEditDialog from '../../components/admin/users/RoleEditDialog.jsx'
import { RoleCreateForm } from '../../components/admin/users/RoleForm.jsx'
import RoleMembers from '../../components/admin/users/RoleMembers.jsx'
import RoleTable from '../../components/admin/users/RoleTable.jsx'
import { messageOf, plural } from '../../components/admin/users/helpers.js'
import { useMemberCounts, useRoles, useSystems } from '../../components/admin/users/hooks.js'
import '../../styles/admin-users.css'

export const DEFAULT_SYSTEM = 'tts'

export default function RolesPage() {
  const [searchParams, setSearchParams] = useSearchParams()
  const system = searchParams.get('system') || DEFAULT_SYSTEM
  const selectedId = searchParams.get('role') || ''
  const systems = useSystems()
  const roles = useRoles(system)
  const [version, setVersion] = useState(0)
  const counts = useMemberCounts(system, roles.data?.results, version)
  const [notice, setNotice] = useState(null)
  const [editing, setEditing] = useState(null)
  const [deleting, setDeleting] = useState(null)

  const list = roles.data?.results || []
  const selected = list.find((role) => String(role.id) === selectedId)
  const systemOptions = systems.data?.results?.length ? systems.data.results : [{ slug: system, name: system }]

  const update = (patch) => {
    const next = new URLSearchParams(searchParams)
    for (const [key, value] of Object.entries(patch)) {
      if (value === '' || value === null || value === undefined) next.delete(key)
      else next.set(key, String(value))
    }
    setSearchParams(next)
  }
  const linkTo = (id) => {
    const next = new URLSearchParams(searchParams)
    next.set('role', String(id))
    return { search: `?${next}` }
  }
  const refresh = () => {
    roles.reload()
    setVersion((v) => v + 1)
  }

  const create = async (fields) => {
    setNotice(null)
    const role = await createRole(system, fields) // field errors go back to the form
    setNotice({ kind: 'ok', text: `Created the role ${role.name} in ${system}.` })
    refresh()
  }

  const save = async (role, changes) => {
    setNotice(null)
    const answer = await updateRole(system, role.id, changes) // errors stay in the dialog
    setNotice({
      kind: 'ok',
      text: answer.name !== role.name ? `Renamed ${role.name} to ${answer.name}.` : `Saved the role ${answer.name}.`,
    })
    refresh()
  }

  const remove = async () => {
    const role = deleting
    setNotice(null)
    try {
      await deleteRole(system, role.id)
      setNotice({ kind: 'ok', text: `Deleted the role ${role.name}.` })
      if (String(role.id) === selectedId) update({ role: '' })
      refresh()
    } catch (caught) {
      setNotice({ kind: 'error', text: `Could not delete ${role.name}: ${messageOf(caught)}` })
    }
  }

  const holders = deleting ? counts.data?.counts?.[deleting.id] : undefined

  return (
    <section className="admin-roles">
      <div className="au-head">
        <h1>Roles</h1>
        <div className="au-field au-system-select">
          <label htmlFor="roles-system">System</label>
          <select id="roles-system" value={system} onChange={(event) => update({ system: event.target.value, role: '' })}>
            {systemOptions.map((one) => (
              <option key={one.slug} value={one.slug}>
                {one.name && one.name !== one.slug ? `${one.name} (${one.slug})` : one.slug}
              </option>
            ))}
          </select>
        </div>
      </div>
      {systems.error && <ErrorMessage error={`Systems could not be loaded: ${messageOf(systems.error)}`} onRetry={systems.reload} />}
      <Notice notice={notice} onDismiss={() => setNotice(null)} />
      <div className={`au-layout${selected ? ' au-layout-open' : ''}`}>
        <div className="au-list">
          {roles.error && <ErrorMessage error={roles.error} onRetry={roles.reload} />}
          {roles.loading && !roles.data && <Loading label="Loading roles…" />}
          {roles.data && (
            <div aria-busy={roles.loading}>
              <p className="au-count" role="status">
                {plural(roles.data.count, 'role')} in {system}
              </p>
              {counts.data?.error && (
                <p className="au-hint" role="note">
                  Member counts are not available: {messageOf(counts.data.error)}
                </p>
              )}
              {list.length === 0 ? (
                <Empty>This system has no roles yet.</Empty>
              ) : (
                <RoleTable
                  roles={list}
                  counts={counts.data?.counts}
                  selectedId={selectedId}
                  linkTo={linkTo}
                  onEdit={(role) => {
                    setNotice(null)
                    setEditing(role)
                  }}
                  onDelete={(role) => {
                    setNotice(null)
                    setDeleting(role)
                  }}
                />
              )}
            </div>
          )}
          <RoleCreateForm key={system} system={system} onCreate={create} />
        </div>
        {selected && (
          <RoleMembers key={`${system}-${selected.id}`} system={system} role={selected} version={version} onClose={() => update({ role: '' })} />
        )}
      </div>
      {editing && <RoleEditDialog role={editing} onSave={(changes) => save(editing, changes)} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmDialog
          title={`Delete the role ${deleting.name}?`}
          confirmLabel="Delete role"
          busyLabel="Deleting…"
          danger
          onConfirm={remove}
          onClose={() => setDeleting(null)}
        >
          <p>
            {holders
              ? `${plural(holders, 'user holds', 'users hold')} this role. They lose it at once and are signed out.`
              : holders === 0
                ? 'Nobody holds this role.'
                : 'Users who hold this role lose it at once and are signed out.'}{' '}
            Workflows that assign tasks to {deleting.name} in {system} stop finding anyone. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </section>
  )
}
