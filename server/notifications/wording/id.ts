// The notices in Indonesian (for "id", and "in", the tag's older spelling), addressing the user as "Anda".
import type { Wording } from './index.js';

export const id: Wording = {
  lang: 'id',
  hello: (name) => `Halo ${name},`,
  kinds: {
    password_changed: {
      subject: 'Sandi Anda telah diubah',
      lead: 'Sandi akun Anda telah diubah:',
      threat: 'Jika ini bukan Anda, orang lain dapat masuk sebagai Anda.',
      sms: 'sandi akun Anda diubah pada {when}.',
    },
    factor_added: {
      subject: 'Metode masuk baru ditambahkan ke akun Anda',
      lead: 'Metode masuk baru ditambahkan ke akun Anda:',
      threat: 'Jika ini bukan Anda, seseorang yang mengetahui sandi Anda menambahkan cara untuk masuk sebagai Anda.',
      sms: '{what} ditambahkan ke akun Anda pada {when}.',
    },
    factor_removed: {
      subject: 'Metode masuk dihapus dari akun Anda',
      lead: 'Metode masuk dihapus dari akun Anda:',
      threat: 'Jika ini bukan Anda, seseorang yang dapat masuk sebagai Anda menghapus salah satu cara masuk Anda.',
      sms: '{what} dihapus dari akun Anda pada {when}.',
    },
    phone_changed: {
      subject: 'Nomor telepon akun Anda telah diubah',
      lead: 'Nomor telepon tujuan kode SMS akun Anda telah diubah:',
      threat: 'Jika ini bukan Anda, seseorang yang dapat masuk sebagai Anda mungkin mencoba menerima kode Anda.',
      sms: 'nomor telepon akun Anda diubah pada {when}.',
    },
    email_changed: {
      subject: 'Alamat email akun Anda telah diubah',
      lead: 'Alamat email akun Anda telah diubah:',
      threat:
        'Jika ini bukan Anda, seseorang yang dapat masuk sebagai Anda mungkin mencoba agar Anda tidak mengetahuinya.',
      sms: 'alamat email akun Anda diubah pada {when}.',
    },
    recovery_code_used: {
      subject: 'Kode pemulihan digunakan untuk masuk ke akun Anda',
      lead: 'Salah satu kode pemulihan Anda digunakan untuk masuk ke akun Anda:',
      threat: 'Jika ini bukan Anda, seseorang memiliki sandi Anda dan salah satu kode pemulihan Anda.',
      sms: 'kode pemulihan digunakan untuk masuk ke akun Anda pada {when}.',
    },
    recovery_codes_regenerated: {
      subject: 'Kode pemulihan baru dibuat untuk akun Anda',
      lead: 'Kode pemulihan baru dibuat untuk akun Anda; kode yang lama tidak berlaku lagi:',
      threat: 'Jika ini bukan Anda, seseorang yang dapat masuk sebagai Anda kini memegang kode pemulihan Anda.',
    },
    new_sign_in: {
      subject: 'Aktivitas masuk baru ke akun Anda',
      lead: 'Akun Anda dimasuki dari browser yang belum pernah digunakan sebelumnya:',
      threat: 'Jika ini bukan Anda, seseorang mengetahui sandi Anda.',
    },
  },
  rows: {
    factor: 'Metode masuk',
    phone: 'Nomor telepon',
    previousPhone: 'Nomor sebelumnya',
    email: 'Alamat',
    previousEmail: 'Alamat sebelumnya',
    codesLeft: 'Sisa kode',
    codes: 'Kode baru',
    when: 'Waktu',
    by: 'Diubah oleh',
    browser: 'Browser',
    ip: 'Alamat IP',
    application: 'Aplikasi',
  },
  factors: {
    otp: { mail: 'aplikasi autentikator', sms: 'Aplikasi autentikator' },
    passkey: { mail: 'kunci sandi atau kunci keamanan', sms: 'Kunci sandi' },
    phone: { mail: 'nomor telepon untuk kode SMS', sms: 'Nomor telepon' },
    email: { mail: 'alamat email untuk kode masuk', sms: 'Alamat email' },
    recovery_code: { mail: 'kode pemulihan', sms: 'Kode pemulihan' },
    other: { mail: 'metode masuk', sms: 'Metode masuk' },
  },
  browser: ({ browser, os }) =>
    browser && os ? `${browser} di ${os}` : os ? `browser di ${os}` : (browser ?? 'browser tak dikenal'),
  unknown: 'tidak diketahui',
  administrator: 'administrator',
  none: 'tidak ada',
  firstFactor: 'Ini faktor kedua pertama di akun Anda: mulai sekarang, proses masuk akan memintanya selain sandi Anda.',
  ifYou: 'Jika ini Anda, tidak ada yang perlu dilakukan.',
  adminThreat: 'Jika Anda tidak meminta perubahan ini, seseorang mungkin mencoba mengambil alih akun Anda.',
  nextSteps: ({ kind, contact, resetUrl }) => {
    const who = contact ?? 'administrator Anda';
    const change = resetUrl ? `Ubah sandi Anda sekarang di ${resetUrl}` : 'Ubah sandi Anda sekarang';
    switch (kind) {
      case 'password_changed':
        return resetUrl
          ? `Buat sandi baru sekarang di ${resetUrl} dan hubungi ${who}.`
          : `Hubungi ${who} sekarang: mereka dapat membuatkan sandi baru untuk Anda.`;
      case 'factor_added':
        return `${change} dan hubungi ${who}, yang dapat menghapus metode masuk tersebut.`;
      default:
        return `${change} dan hubungi ${who}.`;
    }
  },
  footer: (issuer) =>
    `Dikirim otomatis oleh layanan masuk di ${issuer}. ` +
    'Layanan ini tidak pernah meminta Anda mengirimkan sandi atau kode.',
  smsNotYou: 'Bukan Anda? Ubah sandi Anda dan hubungi dukungan.',
};
