import type { ParsedInput } from '../../../shared/contract';
import type { Ctx } from '../context';
import { stmt } from '../db/statements';
import { DeskRefusal } from '../errors';
import type { DocumentHandler } from '../handlers';
import { renderCards, type CardData, type CardLayout, type CardLibrary } from '../print/cards';
import { renderExport, type ExportDocumentInput } from '../print/export';
import { exportData } from './privacy';
import { refuseMisread } from './rows';

/**
 * Printed documents about readers: their cards (one ID-1 card per page, or
 * A4 sheets of ten) and the readable export of everything the desk holds
 * about one of them. What a document needs is read inside the channel's
 * transaction (`gather`); the PDF is made after it (`render`).
 */

interface CardRow {
  card_number: string;
  full_name: string;
  category: string;
  expires_on: string;
  photo: string | null;
  erased_at: string | null;
  label_vi: string | null;
}

function readCard(ctx: Ctx, cardNumber: string): CardData {
  refuseMisread(cardNumber);
  const row = stmt(
    ctx.db,
    `SELECT p.card_number, p.full_name, p.category, p.expires_on, p.photo, p.erased_at, c.label_vi
       FROM patrons p LEFT JOIN patron_categories c ON c.code = p.category
      WHERE p.card_number = ?`,
  ).get(cardNumber) as CardRow | undefined;
  if (!row) throw new DeskRefusal('NOT_FOUND', { code: cardNumber }, 'NOT_FOUND_patron');
  // An erased reader has no name left to print: the card is not made again.
  if (row.erased_at !== null) throw new DeskRefusal('VALIDATION', { code: cardNumber }, 'ERASED_patron');
  return {
    cardNumber: row.card_number,
    fullName: row.full_name,
    categoryLabel: row.label_vi ?? row.category,
    expiresOn: row.expires_on,
    photo: row.photo,
  };
}

function categoryLabel(ctx: Ctx, code: string): string {
  const row = stmt(ctx.db, 'SELECT label_vi FROM patron_categories WHERE code = ?').get(code) as
    { label_vi: string } | undefined;
  return row?.label_vi ?? code;
}

interface CardsGathered {
  layout: CardLayout;
  cards: CardData[];
  library: CardLibrary;
  today: string;
}

/**
 * Checked against each other, then with the gathered type erased (what
 * handlers.ts's documentHandler does; imported as a type only, so that
 * handlers.ts can import this module without a cycle at load time).
 */
function documentHandler<C extends 'cards.pdf' | 'patrons.exportPdf', G>(
  handler: DocumentHandler<C, G>,
): DocumentHandler<C> {
  return handler as unknown as DocumentHandler<C>;
}

/** `cards.pdf`: every card number must name a reader whose data is kept; each card printed is audited. */
export const cardsPdf = documentHandler<'cards.pdf', CardsGathered>({
  gather(input: ParsedInput<'cards.pdf'>, ctx: Ctx): CardsGathered {
    const cards = input.cardNumbers.map((cardNumber) => readCard(ctx, cardNumber));
    for (const card of cards) ctx.audit('card.printed', card.cardNumber, { layout: input.layout });
    return {
      layout: input.layout,
      cards,
      library: {
        name: ctx.settings.libraryName,
        logo: ctx.settings.libraryLogo,
        symbology: ctx.settings.cardSymbology,
      },
      today: ctx.today,
    };
  },
  async render({ layout, cards, library, today }) {
    const pdf = await renderCards(cards, library, layout);
    const only = cards.length === 1 ? cards[0]!.cardNumber : null;
    return {
      filename: only ? `the-ban-doc-${only}.pdf` : `the-ban-doc-${today}.pdf`,
      mimeType: 'application/pdf' as const,
      base64: pdf.buffer.toString('base64'),
      pages: pdf.pages,
    };
  },
});

interface ExportGathered extends ExportDocumentInput {
  today: string;
}

/** `patrons.exportPdf`: the JSON export (which audits the access), laid out for reading. */
export const exportPdf = documentHandler<'patrons.exportPdf', ExportGathered>({
  gather(input: ParsedInput<'patrons.exportPdf'>, ctx: Ctx): ExportGathered {
    const data = exportData(input, ctx);
    return {
      data,
      libraryName: ctx.settings.libraryName,
      categoryLabel: categoryLabel(ctx, data.record.category),
      exportedBy: ctx.settings.operator,
      today: ctx.today,
    };
  },
  async render(gathered) {
    const pdf = await renderExport(gathered);
    return {
      filename: `du-lieu-ban-doc-${gathered.data.record.cardNumber}-${gathered.today}.pdf`,
      mimeType: 'application/pdf' as const,
      base64: pdf.buffer.toString('base64'),
      pages: pdf.pages,
    };
  },
});
