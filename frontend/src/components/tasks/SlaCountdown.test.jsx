import { act, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import SlaCountdown, { describeSla, formatDuration, formatRemaining, minutesLeft } from './SlaCountdown.jsx'

describe('formatRemaining', () => {
  it('on track: hours and minutes left', () => {
    expect(formatRemaining(135)).toBe('2 h 15 min left')
    expect(formatRemaining(120)).toBe('2 h left')
    expect(formatRemaining(60)).toBe('1 h left')
    expect(formatRemaining(1500.7)).toBe('25 h left')
  })

  it('soon: due in minutes', () => {
    expect(formatRemaining(5)).toBe('due in 5 min')
    expect(formatRemaining(59.9)).toBe('due in 59 min')
    expect(formatRemaining(0.4)).toBe('due in under 1 min')
  })

  it('overdue', () => {
    expect(formatRemaining(-63)).toBe('overdue by 1 h 3 min')
    expect(formatRemaining(-5.5)).toBe('overdue by 5 min')
    expect(formatRemaining(0)).toBe('overdue by 1 min')
  })

  it('paused wins, nothing means no SLA', () => {
    expect(formatRemaining(30, { paused: true })).toBe('paused')
    expect(formatRemaining(null)).toBe('no SLA')
    expect(formatDuration(61)).toBe('1 h 1 min')
  })
})

describe('minutesLeft / describeSla', () => {
  const now = Date.parse('2025-03-03T10:00:00Z')

  it('prefers business minutes, counted down by the time since the load', () => {
    const sla = { due_at: '2025-03-04T10:00:00Z', remaining_minutes: 135, state: 'on_track' }
    expect(minutesLeft(sla, { now, loadedAt: now })).toBe(135)
    expect(minutesLeft(sla, { now: now + 10 * 60_000, loadedAt: now })).toBe(125)
  })

  it('falls back to the wall clock to due_at', () => {
    const sla = { due_at: '2025-03-03T10:05:00Z', remaining_minutes: null, state: 'at_risk' }
    expect(describeSla(sla, { now })).toMatchObject({ text: 'due in 5 min', tone: 'soon' })
  })

  it('paused when on hold or the API says so; none without a target', () => {
    expect(describeSla({ due_at: null, remaining_minutes: null, state: 'paused' }, { now }).text).toBe('paused')
    expect(describeSla({ due_at: '2025-03-03T12:00:00Z', remaining_minutes: 120, state: 'on_track' }, { now, onHold: true }).text).toBe('paused')
    expect(describeSla({ due_at: null, remaining_minutes: null, state: 'none' }, { now }).text).toBe('no SLA')
  })
})

describe('SlaCountdown', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2025-03-03T10:00:00Z'))
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('ticks every 30 s from on track to soon to overdue', () => {
    const sla = { due_at: '2025-03-03T11:01:00Z', remaining_minutes: 61, state: 'on_track' }
    render(<SlaCountdown sla={sla} />)
    expect(screen.getByText('1 h 1 min left')).toBeInTheDocument()
    act(() => vi.advanceTimersByTime(30_000))
    expect(screen.getByText('1 h left')).toBeInTheDocument()
    act(() => vi.advanceTimersByTime(56 * 60_000))
    expect(screen.getByText('due in 4 min')).toBeInTheDocument()
    act(() => vi.advanceTimersByTime(68 * 60_000))
    expect(screen.getByText('overdue by 1 h 3 min')).toBeInTheDocument()
  })

  it('uses the wall clock without business minutes', () => {
    render(<SlaCountdown sla={{ due_at: '2025-03-03T09:55:00Z', remaining_minutes: null, state: 'breached' }} />)
    expect(screen.getByText('overdue by 5 min')).toBeInTheDocument()
  })

  it('shows paused on hold and does not tick', () => {
    const sla = { due_at: '2025-03-03T11:00:00Z', remaining_minutes: null, state: 'paused' }
    render(<SlaCountdown sla={sla} onHold />)
    expect(screen.getByText('paused')).toBeInTheDocument()
    act(() => vi.advanceTimersByTime(120 * 60_000))
    expect(screen.getByText('paused')).toBeInTheDocument()
    expect(vi.getTimerCount()).toBe(0)
  })
})
