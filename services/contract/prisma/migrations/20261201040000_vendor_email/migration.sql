-- Where the payment service mails a vendor's 振込通知書 (remittance notice); NULL: not mailed.
ALTER TABLE vendors ADD COLUMN email TEXT;
