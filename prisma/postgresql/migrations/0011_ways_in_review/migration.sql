-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailVerifiedOnce" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "waysInReviewAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "providerLinkGrant" TEXT,
ADD COLUMN     "providerLinkUntil" TIMESTAMP(3);

-- Accounts verified before this migration have had their first verification.
UPDATE "User" SET "emailVerifiedOnce" = true WHERE "emailVerified" IS NOT NULL;
