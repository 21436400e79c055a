import { Link } from 'react-router-dom'

import { formatDateTime } from '../../tasks/format.js'
import { summarize } from './intervals.js'

export default function CalendarTable({ calendars }) {
  return (
    <div className="table-wrap">
      <table className="admin-table" aria-label="Calendars">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Time zone</th>
            <th scope="col">Working hours</th>
            <th scope="col">Holidays</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {calendars.map((calendar) => (
            <tr key={calendar.id}>
              <td data-label="Name">
                <Link to={`/admin/calendars/${calendar.id}`}>{calendar.name}</Link>
              </td>
              <td data-label="Time zone">{calendar.time_zone}</td>
              <td data-label="Working hours">{summarize(calendar.intervals)}</td>
              <td data-label="Holidays">{(calendar.holidays || []).length}</td>
              <td data-label="Updated">
                <time dateTime={calendar.updated_at}>{formatDateTime(calendar.updated_at)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
