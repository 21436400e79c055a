// Data hooks for the profile page, on useFetch.
import { getProfile } from '../../api/auth.js'
import { getAvailability } from '../../api/workflow.js'
import { useFetch } from '../../hooks/useFetch.js'

export function useProfile() {
  return useFetch(getProfile, [])
}

export function useAvailability(enabled = true) {
  return useFetch(() => (enabled ? getAvailability() : null), [enabled])
}
