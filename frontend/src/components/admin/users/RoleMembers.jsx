// The active users holding one role, each linking to their panel on the users page.
import { useState } from 'react'
import { Link } from 'react-router-dom'

import { Pagination } from '../../Pagination.jsx'
import { Empty, ErrorMessage, Loading } from '../../States.jsx'
import { formatDate, plural } from './helpers.js'
import { useRoleMembers } from './hooks.js'

const MEMBERS_PAGE = 100 // listRoleMembers asks for 100 a page

export default function RoleMembers({ system, role, version, onClose }) {
  const [page, setPage] = useState(1)
  const { data, error, loading, reload } = useRoleMembers(system, role.id, page, version)

  return (
    <section className="au-card au-members" aria-labelledby="members-heading">
      <div className="au-panel-head">
        <h2 id="members-heading">
          Members of {role.name} <span className="muted">({system})</span>
        </h2>
        <button type="button" onClick={onClose}>
          Close <span className="au-sr-only">members</span>
        </button>
      </div>
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {loading && !data && <Loading label="Loading members…" />}
      {data && (
        <div aria-busy={loading}>
          <p className="au-count">{plural(data.count, 'active member')}</p>
          {data.results.length === 0 ? (
            <Empty>Nobody holds this role. Grant it from a user's panel on the Users page.</Empty>
          ) : (
            <ul className="au-member-list">
              {data.results.map((member) => (
                <li key={member.grant_id}>
                  <Link to={`/admin/users?user=${member.id}`}>{member.name || member.email}</Link>
                  {member.name && <span className="au-email"> {member.email}</span>}
                  <span className="au-hint">since {formatDate(member.granted_at)}</span>
                </li>
              ))}
            </ul>
          )}
          <Pagination page={page} pageSize={MEMBERS_PAGE} count={data.count} next={data.next} onPage={setPage} />
        </div>
      )}
    </section>
  )
}
