import { endpoint } from "@/lib/api/endpoint";
import { json } from "@/lib/api/responses";
import { exportPersonalData } from "@/lib/users/personal-data";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/me/export", {
  async GET({ identity }) {
    const { user, auth } = identity;
    const response = json(await exportPersonalData(user, auth.scheme === "session" ? auth.sessionId : null));
    // A download in the browser ("Download my data" on /account is a plain link to here).
    response.headers.set("Content-Disposition", 'attachment; filename="vestibule-my-data.json"');
    return response;
  },
});
