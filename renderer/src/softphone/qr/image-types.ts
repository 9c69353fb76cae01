/** Which picture files the scan screen offers and accepts: the email's PNG, screenshots, photos. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg'] as const
