import { FieldError } from '../States.jsx'
import { INTERVALS, PERIODS, periodRange } from './filters.js'

// The reports' filters. `filters` come from the URL; `onChange(patch)` writes them back
// there and every control applies at once. `errors` ({since, until}) are the page's own
// checks; the API's 400 is shown by the page.
export default function ReportFilterForm({ filters, onChange, onReset, workflows, departments, agents, errors, today }) {
  const custom = filters.period === 'custom'
  const set = (key) => (event) => onChange({ [key]: event.target.value })
  const setPeriod = (event) => {
    const period = event.target.value
    // Custom starts from the dates the preset showed, so only the end that changes is edited.
    onChange(period === 'custom' ? { period, ...periodRange(filters, today) } : { period, since: '', until: '' })
  }
  const dateProps = (key) => ({
    id: `report-${key}`,
    type: 'date',
    value: filters[key],
    onChange: set(key),
    'aria-invalid': errors?.[key] ? true : undefined,
    'aria-describedby': errors?.[key] ? `report-${key}-error` : 'report-dates-hint',
  })

  return (
    <form className="report-filters" role="search" aria-label="Report filters" onSubmit={(event) => event.preventDefault()}>
      <div className="filter">
        <label htmlFor="report-period">Period</label>
        <select id="report-period" value={filters.period} onChange={setPeriod}>
          {PERIODS.map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </select>
      </div>
      {custom && (
        <>
          <div className="filter">
            <label htmlFor="report-since">From</label>
            <input {...dateProps('since')} />
            <FieldError id="report-since-error" error={errors?.since} />
          </div>
          <div className="filter">
            <label htmlFor="report-until">Until</label>
            <input {...dateProps('until')} />
            <FieldError id="report-until-error" error={errors?.until} />
          </div>
          <p id="report-dates-hint" className="report-hint">
            Both days included, in UTC. Leave From blank for the 30 days before Until, or Until blank for up to now.
          </p>
        </>
      )}
      <div className="filter">
        <label htmlFor="report-workflow">Workflow</label>
        <select id="report-workflow" value={filters.workflow} onChange={set('workflow')}>
          <option value="">All workflows</option>
          {withCurrent(workflows, filters.workflow, (id) => `Workflow ${id}`).map(({ id, name }) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="report-department">Department</label>
        <select id="report-department" value={filters.department} onChange={set('department')}>
          <option value="">All departments</option>
          {withCurrent(
            departments.map((name) => ({ id: name, name })),
            filters.department,
            (name) => name,
          ).map(({ id, name }) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="report-agent">Agent</label>
        <select id="report-agent" value={filters.agent} onChange={set('agent')}>
          <option value="">All agents</option>
          {withCurrent(agents, filters.agent, (id) => `User ${id}`).map(({ id, name }) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="report-interval">Interval</label>
        <select id="report-interval" value={filters.interval} onChange={set('interval')}>
          {INTERVALS.map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-actions">
        <button type="button" onClick={onReset}>
          Reset filters
        </button>
      </div>
    </form>
  )
}

// The options, plus the value the URL asks for when it is not among them (a workflow not
// listed, an agent with nothing in the period), so the select shows what is applied.
function withCurrent(options, current, nameOf) {
  const list = options.map(({ id, name }) => ({ id: String(id), name }))
  if (current && !list.some(({ id }) => id === current)) list.push({ id: current, name: nameOf(current) })
  return list
}
