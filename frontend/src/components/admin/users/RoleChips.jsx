// A user's roles grouped by system: "tts: Admin, Agent".
import { rolesBySystem } from './helpers.js'

export default function RoleChips({ roles }) {
  const groups = rolesBySystem(roles)
  if (!groups.length) return <span className="muted">No roles</span>
  return (
    <ul className="au-role-groups">
      {groups.map(([system, names]) => (
        <li key={system}>
          <span className="au-system">{system}</span>{' '}
          {names.map((name) => (
            <span key={name} className="badge au-role">
              {name}
            </span>
          ))}
        </li>
      ))}
    </ul>
  )
}
