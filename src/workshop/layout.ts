/** A terminal this wide is taken to be the projector's: the workshop uses the large layout there. */
export const PROJECTOR_COLUMNS = 120;

/** How the workshop lays out its screens for the terminal it has. */
export interface WorkshopLayout {
  /** The projector layout: full width, more space, the question set apart, tallies as wide bars. */
  large: boolean;
  /** Everything shown stands this far in from the left edge. */
  margin: string;
  /** Columns for text, inside the margins. */
  width: number;
}

/**
 * The layout for `columns`: large when asked (`--projector`), normal when refused
 * (`--no-projector`), else large from PROJECTOR_COLUMNS on. The normal layout keeps lines short
 * enough to read at a desk; the large one uses the whole width, since the room reads it from afar.
 */
export function workshopLayout(columns: number, projector?: boolean): WorkshopLayout {
  const large = projector ?? columns >= PROJECTOR_COLUMNS;
  if (!large) return { large, margin: ' '.repeat(4), width: Math.max(30, Math.min(columns - 8, 76)) };
  const margin = ' '.repeat(columns >= PROJECTOR_COLUMNS ? 6 : 4);
  return { large, margin, width: Math.max(30, columns - 2 * margin.length) };
}
