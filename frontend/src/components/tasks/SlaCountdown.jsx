import { useEffect, useState } from 'react'

export const TICK_MS = 30_000

// 135 → "2 h 15 min", 120 → "2 h", 5 → "5 min" (whole minutes, rounded down).
export function formatDuration(minutes) {
  const total = Math.max(0, Math.floor(minutes))
  const hours = Math.floor(total / 60)
  const rest = total % 60
  if (hours === 0) return `${rest} min`
  return rest ? `${hours} h ${rest} min` : `${hours} h`
}

// Pure: the words for `minutes` left (negative: overdue). `paused` wins; null → no SLA.
export function formatRemaining(minutes, { paused = false } = {}) {
  if (paused) return 'paused'
  if (minutes === null || minutes === undefined || Number.isNaN(minutes)) return 'no SLA'
  if (minutes <= 0) return `overdue by ${formatDuration(Math.max(1, -minutes))}`
  if (minutes < 1) return 'due in under 1 min'
  if (minutes < 60) return `due in ${formatDuration(minutes)}`
  return `${formatDuration(minutes)} left`
}

// Minutes left at `now` for an API `sla` ({due_at, remaining_minutes, state}).
// remaining_minutes is business time as of `loadedAt` (when the answer came); it is
// counted down by the wall time since, a lower bound (the business clock may stand
// still out of hours; the next load corrects it). Without it, the wall clock to due_at.
export function minutesLeft(sla, { now = Date.now(), loadedAt = now } = {}) {
  if (!sla) return null
  if (typeof sla.remaining_minutes === 'number') {
    return sla.remaining_minutes - (now - loadedAt) / 60_000
  }
  if (sla.due_at) {
    const due = new Date(sla.due_at).getTime()
    if (!Number.isNaN(due)) return (due - now) / 60_000
  }
  return null
}

export function describeSla(sla, { now = Date.now(), loadedAt = now, onHold = false } = {}) {
  const paused = onHold || sla?.state === 'paused'
  if (!paused && (!sla || sla.state === 'none' || (!sla.due_at && typeof sla.remaining_minutes !== 'number'))) {
    return { text: 'no SLA', tone: 'none', minutes: null }
  }
  const minutes = paused ? null : minutesLeft(sla, { now, loadedAt })
  const text = formatRemaining(minutes, { paused })
  const tone = paused ? 'paused' : minutes <= 0 ? 'overdue' : minutes < 60 ? 'soon' : 'ok'
  return { text, tone, minutes }
}

// "2 h 15 min left" / "due in 5 min" / "overdue by 1 h 3 min" / "paused", re-rendered every 30 s.
export default function SlaCountdown({ sla, onHold = false }) {
  const [loadedAt, setLoadedAt] = useState(() => Date.now())
  const [now, setNow] = useState(() => Date.now())
  // a new answer from the API restarts the count from its remaining_minutes
  useEffect(() => {
    const at = Date.now()
    setLoadedAt(at)
    setNow(at)
  }, [sla])
  const paused = onHold || sla?.state === 'paused'
  const ticking = !paused && Boolean(sla?.due_at || typeof sla?.remaining_minutes === 'number')
  useEffect(() => {
    if (!ticking) return undefined
    const timer = setInterval(() => setNow(Date.now()), TICK_MS)
    return () => clearInterval(timer)
  }, [ticking])

  const { text, tone } = describeSla(sla, { now, loadedAt, onHold })
  const business = typeof sla?.remaining_minutes === 'number'
  const due = sla?.due_at ? new Date(sla.due_at) : null
  const title =
    due && !Number.isNaN(due.getTime())
      ? `Due ${due.toLocaleString()}${business ? ' (time left counted in business hours)' : ''}`
      : undefined
  return (
    <span className={`sla-countdown sla-countdown-${tone}`} title={title}>
      {text}
    </span>
  )
}
