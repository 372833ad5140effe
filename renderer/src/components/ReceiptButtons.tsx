import { useTranslation } from 'react-i18next';

interface ReceiptButtonsProps {
  /** Offered when the transaction just finished was not printed automatically. */
  canPrint: boolean;
  onPrint: () => void;
  onReprint: () => void;
}

/** "Print receipt" for the transaction just finished, and "Reprint last receipt". */
export function ReceiptButtons({ canPrint, onPrint, onReprint }: ReceiptButtonsProps) {
  const { t } = useTranslation();
  return (
    <>
      {canPrint ? (
        <button type="button" className="button" onClick={onPrint} data-testid="print-receipt">
          {t('ui.receipt.print')}
        </button>
      ) : null}
      <button type="button" className="button" onClick={onReprint} data-testid="reprint-receipt">
        {t('ui.receipt.reprint')}
      </button>
    </>
  );
}
