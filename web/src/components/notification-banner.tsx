// A banner for admins when a notification channel keeps failing: alarms that do not arrive are the
// quietest failure of all.
import { notificationsApi } from "../api/notifications.js";
import { Link, useLocation } from "../lib/router.js";
import { useSession } from "../lib/session.js";
import { useResource } from "../lib/use-resource.js";

export function FailingChannelsBanner() {
  const { state } = useSession();
  const { pathname } = useLocation();
  const admin = state.status === "signed-in" && state.person.isAdmin;
  // Re-checked on every page change, so a fixed channel stops showing without a reload.
  const status = useResource(admin ? `notification-status:${pathname}` : null, (signal) =>
    notificationsApi.status({ signal, quietUnauthorized: true }),
  );
  const failing = status.data?.failingChannels ?? [];
  if (!admin || failing.length === 0 || pathname === "/notifications") return null;
  return (
    <div className="notice notice-danger banner" role="status">
      <p>
        {failing.length === 1 ? (
          <>
            The notification channel <strong>{failing[0]!.name}</strong> is failing: alarms are not reaching
            it.
          </>
        ) : (
          <>{failing.length} notification channels are failing: alarms are not reaching them.</>
        )}{" "}
        <Link to="/notifications">See what is wrong</Link>
      </p>
    </div>
  );
}
