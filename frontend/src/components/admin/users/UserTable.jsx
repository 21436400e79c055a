// The users list: each name opens the user's panel (?user=<id>, the other filters kept).
import { Link } from 'react-router-dom'

import RoleChips from './RoleChips.jsx'
import { nameOf } from './helpers.js'

export function ActiveBadge({ active }) {
  return <span className={`badge ${active ? 'au-active' : 'au-inactive'}`}>{active ? 'Active' : 'Inactive'}</span>
}

export default function UserTable({ users, selectedId, linkTo }) {
  return (
    <div className="au-table-wrap">
      <table className="au-table">
        <caption className="au-sr-only">Users</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Status</th>
            <th scope="col">Roles</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const selected = String(user.id) === String(selectedId)
            return (
              <tr key={user.id} className={selected ? 'au-selected' : undefined}>
                <td data-label="Name">
                  <Link to={linkTo(user.id)} aria-current={selected ? 'true' : undefined} className="au-user-link" data-user-id={user.id}>
                    {nameOf(user)}
                  </Link>
                </td>
                <td data-label="Email" className="au-email">
                  {user.email}
                </td>
                <td data-label="Status">
                  <ActiveBadge active={user.is_active} />
                </td>
                <td data-label="Roles">
                  <RoleChips roles={user.roles} />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
