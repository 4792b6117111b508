import type { Rank, Role } from '@denpyo/schemas';

export interface DemoUser {
  username: string;
  roles: Role[];
  displayName: string;
  title: string;
  /** 所属: the 起案課 of what they draft (absent for the 市長 and 副市長). */
  department?: string;
  /** Approvers only: the delegation table's default route needs every rank up to 市長. */
  rank?: Rank;
}

/**
 * The users API.md promises in demo mode: two of most roles so four-eyes rules can be tried, and
 * one approver per rank from 課長 up so every band of the delegation table can be approved.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'procurement',
    roles: ['procurement'],
    displayName: '佐藤 健一',
    title: '契約課主事',
    department: '財務部 契約課',
  },
  {
    username: 'procurement2',
    roles: ['procurement'],
    displayName: '鈴木 美咲',
    title: '契約課主任',
    department: '財務部 契約課',
  },
  {
    username: 'approver',
    roles: ['approver'],
    displayName: '高橋 誠',
    title: '契約課長',
    department: '財務部 契約課',
    rank: 'kacho',
  },
  {
    username: 'approver2',
    roles: ['approver'],
    displayName: '田中 浩二',
    title: '総務部長',
    department: '総務部',
    rank: 'bucho',
  },
  {
    username: 'approver3',
    roles: ['approver'],
    displayName: '伊藤 雅子',
    title: '副市長',
    rank: 'fukushicho',
  },
  {
    username: 'approver4',
    roles: ['approver'],
    displayName: '渡辺 隆',
    title: '市長',
    rank: 'shicho',
  },
  // The department's side of 支出命令 (地方自治法 Art. 232-4 ①): ordering is not the 会計's work.
  {
    username: 'accountant',
    roles: ['accountant'],
    displayName: '山本 由美',
    title: '財政課主査',
    department: '財務部 財政課',
  },
  {
    username: 'accountant2',
    roles: ['accountant'],
    displayName: '中村 大輔',
    title: '財政課主事',
    department: '財務部 財政課',
  },
  // The 会計管理者 (Art. 170) and the head of the 会計課 who examines payment orders with them.
  {
    username: 'treasurer',
    roles: ['treasurer'],
    displayName: '小林 正和',
    title: '会計管理者',
    department: '会計課',
  },
  {
    username: 'treasurer2',
    roles: ['treasurer'],
    displayName: '加藤 恵子',
    title: '会計課長',
    department: '会計課',
  },
  {
    username: 'auditor',
    roles: ['auditor'],
    displayName: '吉田 直樹',
    title: '監査委員事務局主査',
    department: '監査委員事務局',
  },
  {
    username: 'admin',
    roles: ['admin'],
    displayName: '松本 亮',
    title: '情報政策課主査',
    department: '総務部 情報政策課',
  },
];

export const DEMO_PASSWORD = 'demo';
