// A system's roles: name (opens its members), description, how many hold it, and actions.
import { Link } from 'react-router-dom'

export default function RoleTable({ roles, counts, selectedId, linkTo, onEdit, onDelete }) {
  return (
    <div className="au-table-wrap">
      <table className="au-table au-roles">
        <caption className="au-sr-only">Roles</caption>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Description</th>
            <th scope="col">Members</th>
            <th scope="col">Kind</th>
            <th scope="col">
              <span className="au-sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {roles.map((role) => {
            const selected = String(role.id) === String(selectedId)
            const count = counts?.[role.id]
            return (
              <tr key={role.id} className={selected ? 'au-selected' : undefined}>
                <td data-label="Role">
                  <Link to={linkTo(role.id)} aria-current={selected ? 'true' : undefined} className="au-role-link">
                    {role.name}
                  </Link>
                </td>
                <td data-label="Description" className="au-description">
                  {role.description || <span className="muted">—</span>}
                </td>
                <td data-label="Members">{count === undefined ? <span className="muted" title="Not known">—</span> : count}</td>
                <td data-label="Kind">
                  <span className={`badge ${role.is_custom ? 'au-custom' : 'au-builtin'}`}>{role.is_custom ? 'Custom' : 'Built-in'}</span>
                </td>
                <td className="au-row-actions">
                  <button type="button" onClick={() => onEdit(role)} aria-label={`Edit ${role.name}`}>
                    Edit
                  </button>
                  {role.is_custom && (
                    <button type="button" className="au-danger" onClick={() => onDelete(role)} aria-label={`Delete ${role.name}`}>
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
