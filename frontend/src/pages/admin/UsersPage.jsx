// /admin/users: find, invite and manage user accounts and their roles per system.
// The URL holds the list's state: ?search=&is_active=true|false&page=&user=<id> (the open panel).
import { useMemo, useState } from 'react'
import { useSearchParams } from 'react-router-dom'

import { Pagination } from '../../components/Pagination.jsx'
import { Empty, ListError, Loading } from '../../components/States.jsx'
import InviteUserForm from '../../components/admin/users/InviteUserForm.jsx'
import Notice from '../../components/admin/users/Notice.jsx'
import UserFilters from '../../components/admin/users/UserFilters.jsx'
import UserPanel from '../../components/admin/users/UserPanel.jsx'
import UserTable from '../../components/admin/users/UserTable.jsx'
import { plural } from '../../components/admin/users/helpers.js'
import { useUsers } from '../../components/admin/users/hooks.js'
import '../../styles/admin-users.css'

export const PAGE_SIZE = 20

// URL → the list's query parameters.
export function userListParams(searchParams) {
  const params = {}
  const search = (searchParams.get('search') || '').trim()
  if (search) params.search = search
  const active = searchParams.get('is_active')
  if (active === 'true' || active === 'false') params.is_active = active
  params.page = Math.max(1, Number(searchParams.get('page')) || 1)
  params.page_size = PAGE_SIZE
  return params
}

export default function UsersPage() {
  const [searchParams, setSearchParams] = useSearchParams()
  const params = useMemo(() => userListParams(searchParams), [searchParams])
  const { data, error, loading, reload } = useUsers(params)
  const [inviting, setInviting] = useState(false)
  const [notice, setNotice] = useState(null)
  const selected = searchParams.get('user') || ''
  const filtered = !!(params.search || params.is_active)

  const update = (patch, { keepPage = false } = {}) => {
    const next = new URLSearchParams(searchParams)
    for (const [key, value] of Object.entries(patch)) {
      if (value === '' || value === null || value === undefined) next.delete(key)
      else next.set(key, String(value))
    }
    if (!keepPage) next.delete('page')
    setSearchParams(next)
  }
  const linkTo = (id) => {
    const next = new URLSearchParams(searchParams)
    next.set('user', String(id))
    return { search: `?${next}` }
  }

  const invited = (user) => {
    setInviting(false)
    setNotice({ kind: 'ok', text: `Invitation sent to ${user.email}.` })
    reload()
    update({ user: user.id }, { keepPage: true })
  }

  return (
    <section className="admin-users">
      <div className="au-head">
        <h1>Users</h1>
        <button
          type="button"
          className="primary"
          aria-expanded={inviting}
          aria-controls="invite-user"
          onClick={() => {
            setNotice(null)
            setInviting((open) => !open)
          }}
        >
          Invite user
        </button>
      </div>
      <Notice notice={notice} onDismiss={() => setNotice(null)} />
      <div id="invite-user">
        {inviting && <InviteUserForm onInvited={invited} onCancel={() => setInviting(false)} />}
      </div>
      <UserFilters values={{ search: searchParams.get('search') || '', is_active: params.is_active || '' }} onChange={(patch) => update(patch)} />
      <div className={`au-layout${selected ? ' au-layout-open' : ''}`}>
        <div className="au-list">
          <ListError error={error} page={params.page} onFirstPage={() => update({ page: '' })} onRetry={reload} />
          {loading && !data && <Loading label="Loading users…" />}
          {data && (
            <div aria-busy={loading}>
              <p className="au-count" role="status">
                {plural(data.count, 'user')}
                {filtered ? ' match' : ''}
              </p>
              {data.results.length === 0 ? (
                <Empty>{filtered ? 'No users match. Try another search or status.' : 'No users yet.'}</Empty>
              ) : (
                <UserTable users={data.results} selectedId={selected} linkTo={linkTo} />
              )}
              <Pagination page={params.page} pageSize={PAGE_SIZE} count={data.count} next={data.next} onPage={(page) => update({ page }, { keepPage: true })} />
            </div>
          )}
        </div>
        {selected && (
          <UserPanel
            userId={selected}
            onClose={() => {
              update({ user: '' }, { keepPage: true })
              // back to the row the panel was opened from
              if (/^\d+$/.test(selected)) {
                setTimeout(() => document.querySelector(`.au-user-link[data-user-id="${selected}"]`)?.focus(), 0)
              }
            }}
            onChanged={reload}
          />
        )}
      </div>
    </section>
  )
}
