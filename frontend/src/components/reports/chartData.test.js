import { describe, expect, it } from 'vitest'

import { groupLabel, hasSlaOutcomes, minuteStep, slaGroupData, slaGroupSummary, stepData, stepSummary } from './chartData.js'

const slaRow = (key, label, met, breached, met_percent) => ({ key, label, met, breached, met_percent })
const step = (workflow_id, workflow, name, inStep, waiting) => ({
  workflow_id,
  workflow,
  step: name,
  avg_minutes_in_step: inStep,
  avg_minutes_waiting: waiting,
})

describe('chart data', () => {
  it('charts only the groups with an SLA outcome, and lists them all in the summary', () => {
    const rows = [slaRow('urgent', 'urgent', 3, 1, 75), slaRow('low', 'low', 0, 0, null)]
    expect(slaGroupData(rows, 'priority')).toMatchObject({ labels: ['Urgent'], datasets: [{ data: [75] }] })
    expect(slaGroupSummary(rows, 'priority')).toBe('SLA met by priority: Urgent 75% (3 met, 1 breached).')
    expect(slaGroupSummary([slaRow(1, 'IT', 0, 0, null)], 'workflow')).toBe('No SLA outcomes.')
    expect(groupLabel(slaRow(4, 'role 4'), 'team')).toBe('role 4')
  })

  it('names steps by their workflow only when there are several', () => {
    const one = [step(1, 'IT', 'Triage', 30, 5)]
    expect(stepData(one).labels).toEqual(['Triage'])
    const two = [...one, step(2, 'HR', 'Triage', 600, null)]
    expect(stepData(two).labels).toEqual(['Triage (IT)', 'Triage (HR)'])
    expect(stepSummary(two)).toBe('2 steps. Longest average time in step: Triage (HR), 10 h. Longest average wait: Triage (IT), 5 min.')
  })

  it('steps a minutes axis in units that read well', () => {
    expect(minuteStep(25)).toBe(5)
    expect(minuteStep(600)).toBe(120)
    expect(minuteStep(3000)).toBe(720)
    expect(minuteStep(0)).toBe(1)
    expect(minuteStep(10 * 43200)).toBe(86400)
  })

  it('knows when a period had no SLA outcomes', () => {
    expect(hasSlaOutcomes([{ sla_met: 0, sla_breached: 0 }])).toBe(false)
    expect(hasSlaOutcomes([{ sla_met: 0, sla_breached: 1 }])).toBe(true)
  })
})
