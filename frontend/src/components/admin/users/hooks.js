// Data hooks for the users and roles admin pages, on useFetch.
import { getUser, listGrants, listRoleMembers, listRoles, listSystems, listUsers } from '../../../api/auth.js'
import { useFetch } from '../../../hooks/useFetch.js'

export function useUsers(params) {
  return useFetch(() => listUsers(params), [JSON.stringify(params)])
}

export function useUser(id) {
  return useFetch(() => (id ? getUser(id) : null), [id])
}

export function useSystems() {
  return useFetch(listSystems, [])
}

export function useRoles(system) {
  return useFetch(() => (system ? listRoles(system) : null), [system])
}

// The user's active grants in each of `slugs`: {slug: {grants} | {error}}. One system's
// refusal (e.g. a 403) does not hide the others.
export function useUserGrants(userId, slugs, version) {
  return useFetch(async () => {
    const answers = await Promise.allSettled(
      slugs.map((slug) => listGrants(slug, { user_id: userId, is_active: 'true' })),
    )
    return Object.fromEntries(
      slugs.map((slug, index) => {
        const answer = answers[index]
        return [slug, answer.status === 'fulfilled' ? { grants: answer.value.results } : { error: answer.reason }]
      }),
    )
  }, [userId, slugs.join(','), version])
}

// How many active users hold each role: {roleId: count}, plus the first refusal, if any.
// The role list carries no count, so this asks each role's members list for one row.
export function useMemberCounts(system, roles, version) {
  const ids = (roles || []).map((role) => role.id)
  return useFetch(async () => {
    const answers = await Promise.allSettled(ids.map((id) => listRoleMembers(system, id, { page_size: 1 })))
    const counts = {}
    let error = null
    answers.forEach((answer, index) => {
      if (answer.status === 'fulfilled') counts[ids[index]] = answer.value.count
      else error = error || answer.reason
    })
    return { counts, error }
  }, [system, ids.join(','), version])
}

export function useRoleMembers(system, roleId, page, version) {
  return useFetch(
    () => (roleId ? listRoleMembers(system, roleId, { page }) : null),
    [system, roleId, page, version],
  )
}
