import { Suspense, lazy } from 'react'
import { Navigate, Route, Routes, useLocation } from 'react-router-dom'

import { useAuth } from './auth/AuthContext.jsx'
import AdminLayout from './components/AdminLayout.jsx'
import Layout from './components/Layout.jsx'
import { Loading } from './components/States.jsx'
import LoginPage from './pages/LoginPage.jsx'
import MyTasksPage from './pages/MyTasksPage.jsx'
import NewTicketPage from './pages/NewTicketPage.jsx'
import NotificationsPage from './pages/NotificationsPage.jsx'
import ProfilePage from './pages/ProfilePage.jsx'
import ResetPasswordPage from './pages/ResetPasswordPage.jsx'
import TaskDetailPage from './pages/TaskDetailPage.jsx'
import TicketDetailPage from './pages/TicketDetailPage.jsx'
import TicketsPage from './pages/TicketsPage.jsx'

// The admin pages (reactflow, chart.js) load on first visit, not with everyone's bundle.
const admin = {
  Dashboard: lazy(() => import('./pages/admin/DashboardPage.jsx')),
  Workflows: lazy(() => import('./pages/admin/WorkflowsPage.jsx')),
  WorkflowEditor: lazy(() => import('./pages/admin/WorkflowEditorPage.jsx')),
  Calendars: lazy(() => import('./pages/admin/CalendarsPage.jsx')),
  Unassigned: lazy(() => import('./pages/admin/UnassignedPage.jsx')),
  Users: lazy(() => import('./pages/admin/UsersPage.jsx')),
  Roles: lazy(() => import('./pages/admin/RolesPage.jsx')),
  Audit: lazy(() => import('./pages/admin/AuditPage.jsx')),
}

function RequireSignIn({ children }) {
  const { user, checking } = useAuth()
  const location = useLocation()
  if (checking) return <Loading label="Opening your session…" />
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />
  return children
}

export default function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route
        element={
          <RequireSignIn>
            <Layout />
          </RequireSignIn>
        }
      >
        <Route path="/" element={<Navigate to="/tickets" replace />} />
        <Route path="/tickets" element={<TicketsPage />} />
        <Route path="/tickets/new" element={<NewTicketPage />} />
        <Route path="/tickets/:number" element={<TicketDetailPage />} />
        <Route path="/tasks" element={<MyTasksPage />} />
        <Route path="/tasks/:id" element={<TaskDetailPage />} />
        <Route path="/notifications" element={<NotificationsPage />} />
        <Route path="/profile" element={<ProfilePage />} />
        <Route
          path="/admin"
          element={
            <Suspense fallback={<Loading />}>
              <AdminLayout />
            </Suspense>
          }
        >
          <Route index element={<Navigate to="/admin/reports" replace />} />
          <Route path="reports" element={<admin.Dashboard />} />
          <Route path="workflows" element={<admin.Workflows />} />
          <Route path="workflows/:id" element={<admin.WorkflowEditor />} />
          <Route path="calendars" element={<admin.Calendars />} />
          <Route path="calendars/:id" element={<admin.Calendars />} />
          <Route path="unassigned" element={<admin.Unassigned />} />
          <Route path="users" element={<admin.Users />} />
          <Route path="roles" element={<admin.Roles />} />
          <Route path="audit" element={<admin.Audit />} />
        </Route>
        <Route path="*" element={<p className="state">No such page.</p>} />
      </Route>
    </Routes>
  )
}
