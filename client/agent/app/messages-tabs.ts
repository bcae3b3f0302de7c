/** The words of the customer's tab strip in the live view (spread into messages.ts). */
export const tabsJa = {
  tabs: {
    label: 'お客様のタブ',
    count: (n: number) => `${n}個のタブ`,
    states: {
      active: 'お客様が表示中',
      background: '背面',
      away: '接続待ち',
      closed: '閉じられました',
    },
    switching: 'お客様が表示中のタブに切り替えています…',
    switched: (title: string) => `お客様が「${title}」のタブに切り替えました。画面を切り替えます。`,
    controlMoved: 'お客様が別のタブに切り替えたため、操作は送られませんでした。画面はそのタブに切り替わります。',
  },
};

export type TabsMessages = typeof tabsJa;

export const tabsEn: TabsMessages = {
  tabs: {
    label: "Customer's tabs",
    count: (n: number) => `${n} tabs`,
    states: {
      active: 'Customer is here',
      background: 'In background',
      away: 'Reconnecting',
      closed: 'Closed',
    },
    switching: 'Switching to the tab the customer is looking at…',
    switched: (title: string) => `The customer switched to the tab “${title}”. The view follows.`,
    controlMoved: 'Not sent: the customer switched to another tab. The view follows it.',
  },
};
