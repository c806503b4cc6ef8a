import { NOT_FOUND_ROUTES } from "@/lib/api/not-found";

// An /api path that no route handler claims, the bare /api included (an optional catch-all).
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = NOT_FOUND_ROUTES;
