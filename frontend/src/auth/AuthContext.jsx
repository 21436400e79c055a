import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'

import * as auth from '../api/auth.js'
import { setSignedOutHandler } from '../api/http.js'

const AuthContext = createContext(null)

// Seconds until a JWT's exp (read from the token the sign-in answer carries in its body;
// it is kept in memory only, never stored — the cookies carry it to the services).
function secondsLeft(token) {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))
    return payload.exp - Date.now() / 1000
  } catch {
    return 0
  }
}

export function AuthProvider({ children }) {
  const [user, setUser] = useState(null)
  const [checking, setChecking] = useState(true)
  const timer = useRef(null)

  const schedule = useCallback((access) => {
    clearTimeout(timer.current)
    const left = secondsLeft(access)
    if (left <= 0) return
    // refresh a minute before expiry (or at half-life for short tokens)
    const wait = Math.max(5, Math.min(left - 60, left / 2)) * 1000
    timer.current = setTimeout(async () => {
      try {
        const pair = await auth.refresh()
        setUser(pair.user)
        schedule(pair.access)
      } catch {
        setUser(null)
      }
    }, wait)
  }, [])

  useEffect(() => {
    setSignedOutHandler(() => setUser(null))
    // A returning visitor: the refresh cookie, if still valid, opens the session.
    auth
      .refresh()
      .then((pair) => {
        setUser(pair.user)
        schedule(pair.access)
      })
      .catch(() => setUser(null))
      .finally(() => setChecking(false))
    return () => clearTimeout(timer.current)
  }, [schedule])

  const signIn = useCallback(
    async (email, password, otp) => {
      const pair = await auth.signIn(email, password, otp)
      setUser(pair.user)
      schedule(pair.access)
      return pair
    },
    [schedule],
  )

  const signOut = useCallback(async () => {
    clearTimeout(timer.current)
    try {
      await auth.signOut()
    } finally {
      setUser(null)
    }
  }, [])

  const value = useMemo(() => {
    const roles = user?.roles || []
    return {
      user,
      checking,
      roles,
      isAdmin: roles.includes('tts:Admin'),
      isAgent: roles.some((role) => role.startsWith('tts:')),
      signIn,
      signOut,
      setUser,
    }
  }, [user, checking, signIn, signOut])
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth() {
  const value = useContext(AuthContext)
  if (!value) throw new Error('useAuth outside AuthProvider')
  return value
}
