-- AlterTable
ALTER TABLE "Session" ADD COLUMN "providerLinkGrant" TEXT;
ALTER TABLE "Session" ADD COLUMN "providerLinkUntil" DATETIME;

-- AlterTable (a constant default: SQLite adds the columns in place, no table rebuild)
ALTER TABLE "User" ADD COLUMN "emailVerifiedOnce" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "User" ADD COLUMN "waysInReviewAt" DATETIME;

-- Accounts verified before this migration have had their first verification.
UPDATE "User" SET "emailVerifiedOnce" = true WHERE "emailVerified" IS NOT NULL;
