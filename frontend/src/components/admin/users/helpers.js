// Small pure helpers for the users and roles admin pages.
import { formError } from '../../profile/errors.js'

// An ApiError (or anything thrown) → one sentence to show: the API's field messages
// when it sent some ({"user_id": ["This account is deactivated."]}), else its detail.
export function messageOf(error) {
  if (!error) return ''
  if (typeof error === 'string') return error
  return formError(error, []) || error.message || 'Something went wrong.'
}

// What to call a user: the full name, else the email.
export const nameOf = (user) => (user?.name || '').trim() || user?.email || `User ${user?.id ?? ''}`.trim()

// ["tts:Admin", "tts:Agent", "hdts:Viewer"] → [["hdts", ["Viewer"]], ["tts", ["Admin", "Agent"]]]
export function rolesBySystem(roles = []) {
  const systems = new Map()
  for (const full of roles) {
    const at = full.indexOf(':')
    const system = at > 0 ? full.slice(0, at) : ''
    const role = at > 0 ? full.slice(at + 1) : full
    if (!systems.has(system)) systems.set(system, [])
    systems.get(system).push(role)
  }
  return [...systems.entries()].sort(([a], [b]) => a.localeCompare(b))
}

// The systems the signed-in admin may manage roles and grants of ("tts:Admin" → "tts").
export const adminSlugs = (roles = []) =>
  roles.filter((role) => role.endsWith(':Admin')).map((role) => role.slice(0, -':Admin'.length))

// "3 users" / "1 user"
export const plural = (count, one, many = `${one}s`) => `${count} ${count === 1 ? one : many}`

// An API date-time as the reader's local date.
export function formatDate(value) {
  if (!value) return '—'
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? value : date.toLocaleDateString()
}
