// Indonesian texts of <gluu-account>. `import 'gluu-login/widget/account/i18n/id.js'` registers them
// (GluuAccount.addMessages), and `<gluu-account lang="id">` then uses them (its dialog's <gluu-login> uses
// gluu-login/widget/i18n/id.js). Built to dist/widget/account/i18n/id.js: at run time this module imports
// nothing (types only), and registers its texts once the element is defined, whichever loads first.
import type { GluuAccount } from '../../gluu-account.js';
import type { AccountMessages, AccountTranslation } from '../messages.js';

/** Every text of <gluu-account> in Indonesian, by id and error code (also the default export). */
export const id: AccountMessages = {
  loading: 'Memuat…',
  signed_in_as: 'Masuk sebagai {user}',
  network: 'Tidak dapat menghubungi layanan akun.',
  try_again: 'Coba lagi',
  factors: 'Metode masuk',
  no_factors: 'Anda belum memiliki metode masuk kedua.',
  k_passkey: 'Kunci sandi',
  k_otp: 'Aplikasi autentikator',
  k_phone: 'Telepon',
  k_email: 'Alamat email',
  added: 'Ditambahkan {date}',
  last_used: 'Terakhir digunakan {when}',
  never_used: 'Belum pernah digunakan',
  rename: 'Ganti nama',
  rename_label: 'Nama baru untuk {name}',
  save: 'Simpan',
  cancel: 'Batal',
  remove: 'Hapus',
  remove_confirm: 'Hapus “{name}”? Anda tidak akan bisa masuk dengannya lagi.',
  removed: '“{name}” telah dihapus.',
  renamed: 'Nama diganti menjadi “{name}”.',
  add_passkey: 'Tambahkan kunci sandi',
  add_otp: 'Tambahkan aplikasi autentikator',
  add_phone: 'Tambahkan telepon',
  add_email: 'Tambahkan alamat email',
  add_title: 'Tambahkan metode masuk',
  factor_added: 'Metode masuk baru telah ditambahkan.',
  codes: 'Kode pemulihan',
  codes_none: 'Kode pemulihan Anda sudah habis.',
  codes_left: '{n, plural, other {Sisa # kode.}}',
  codes_hint:
    'Setiap kode memungkinkan Anda masuk satu kali jika kehilangan metode lain. Kode baru membuat kode ' +
    'lama tidak berlaku.',
  new_codes: 'Dapatkan kode baru',
  codes_shown:
    'Kode pemulihan baru Anda. Simpan di tempat yang aman: kode ini tidak akan ditampilkan lagi, dan kode ' +
    'lama Anda tidak berlaku lagi.',
  copy_codes: 'Salin kode',
  copied: 'Disalin',
  codes_kept: 'Sudah saya simpan',
  password: 'Sandi',
  new_password: 'Sandi baru',
  password_hint: 'Minimal {n, plural, other {# karakter}}. Hindari sandi yang umum dan nama Anda.',
  change_password: 'Ubah sandi',
  password_changed: 'Sandi Anda telah diubah.',
  sessions: 'Tempat Anda masuk',
  this_browser: 'Browser ini',
  signed_in: 'Masuk {when}',
  network_at: 'Jaringan {network}',
  apps: 'Aplikasi: {apps}',
  sign_out: 'Keluar',
  sign_out_others: 'Keluar dari semua tempat lain',
  signed_out: 'Telah keluar.',
  trusted: 'Browser tepercaya',
  no_trusted: 'Tidak ada browser yang melewati langkah kedua proses masuk Anda.',
  trusted_at: 'Tepercaya sejak {date} · hingga {until}',
  forget: 'Berhenti memercayai',
  forgotten: 'Browser ini akan meminta langkah kedua Anda lagi.',
  confirm: 'Konfirmasi bahwa ini Anda',
  close: 'Tutup',
  cancelled: 'Tidak ada yang diubah.',
  invalid_token: 'Sesi Anda di halaman ini telah berakhir. Masuk lagi.',
  insufficient_user_authentication: 'Sebelum membuat perubahan, konfirmasikan bahwa ini memang Anda.',
  last_factor:
    'Ini satu-satunya metode masuk kedua Anda yang tersisa, dan akun Anda memerlukannya. Tambahkan metode lain dulu.',
  server_error: 'Terjadi kesalahan. Silakan coba lagi.',
} satisfies AccountTranslation;

export default id;

globalThis.customElements?.whenDefined('gluu-account').then((c) => (c as typeof GluuAccount).addMessages('id', id));
