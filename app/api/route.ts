import { detail } from "@/lib/api/responses";
import { messages } from "@/lib/messages";

// The bare /api path: JSON like every other unknown API path, not Next.js's HTML 404 page.
const notFound = async () => detail(messages.notFound, 404);

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
